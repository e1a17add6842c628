import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// schema.org JSON-LD for article pages: a `MedicalWebPage` (review date, reviewers with their
/// credentials, the condition with its ICD-10 code, audience, sources as citations) and, for
/// short-answer pages, a `FAQPage` holding the question and its answer.
enum StructuredData {
    static func article(_ article: Article, settings: SiteSettings, breadcrumbs: [Breadcrumb]) -> String {
        let frontMatter = article.frontMatter
        let url = settings.baseURL + PageAddress.href(article.url)
        var json = JSONBytes(capacity: 2048)
        json.openObject()
        json.member("@context", "https://schema.org")
        json.openArray("@graph")

        json.openObject()
        json.member("@type", "MedicalWebPage")
        json.member("@id", url)
        json.member("url", url)
        json.member("name", article.title)
        json.member("headline", article.title)
        json.member("description", frontMatter.description)
        json.member("inLanguage", settings.language)
        json.openObject("isPartOf")
        json.member("@type", "WebSite")
        json.member("name", settings.title)
        json.member("url", settings.baseURL)
        json.closeObject()
        json.openObject("publisher")
        json.member("@type", "Organization")
        json.member("name", settings.title)
        json.member("url", settings.baseURL)
        json.closeObject()
        json.member("lastReviewed", frontMatter.lastReviewed?.iso)
        // When what it says last changed: its review, its change log, or a snippet's review.
        json.member("dateModified", article.lastModified?.iso)
        if !frontMatter.reviewers.isEmpty {
            json.openArray("reviewedBy")
            for reviewer in frontMatter.reviewers { person(reviewer, to: &json) }
            json.closeArray()
        }
        if !frontMatter.authors.isEmpty {
            json.openArray("author")
            for author in frontMatter.authors {
                json.openObject()
                json.member("@type", "Person")
                json.member("name", author)
                json.closeObject()
            }
            json.closeArray()
        }
        if let condition = frontMatter.condition {
            json.openObject("about")
            json.member("@type", "MedicalCondition")
            json.member("name", condition.name)
            if let icd10 = condition.icd10 {
                json.openObject("code")
                json.member("@type", "MedicalCode")
                json.member("codeValue", icd10)
                json.member("codingSystem", "ICD-10")
                json.closeObject()
            }
            json.closeObject()
        }
        json.openObject("medicalAudience")
        json.member("@type", "MedicalAudience")
        json.member("audienceType", audienceType(frontMatter.audience))
        json.closeObject()
        if !frontMatter.tags.isEmpty { json.member("keywords", frontMatter.tags.joined(separator: ", ")) }
        if !frontMatter.sources.isEmpty {
            json.openArray("citation")
            for source in frontMatter.sources { citation(source, to: &json) }
            json.closeArray()
        }
        if !breadcrumbs.isEmpty {
            // Breadcrumb addresses are site-relative (`conditions/pml/`); JSON-LD wants absolute ones.
            json.openObject("breadcrumb")
            json.member("@type", "BreadcrumbList")
            json.openArray("itemListElement")
            for (index, crumb) in breadcrumbs.enumerated() {
                json.openObject()
                json.member("@type", "ListItem")
                json.member("position", index + 1)
                json.member("name", crumb.name)
                json.member("item", settings.baseURL + PageAddress.href(crumb.path))
                json.closeObject()
            }
            json.closeArray()
            json.closeObject()
        }
        json.closeObject()

        if frontMatter.type == .shortAnswer, let question = frontMatter.question ?? frontMatter.title,
           let answer = frontMatter.description {
            json.openObject()
            json.member("@type", "FAQPage")
            json.member("@id", url + "#faq")
            json.member("url", url)
            json.member("inLanguage", settings.language)
            json.openArray("mainEntity")
            json.openObject()
            json.member("@type", "Question")
            json.member("name", question)
            json.openObject("acceptedAnswer")
            json.member("@type", "Answer")
            json.member("text", answer)
            json.closeObject()
            json.closeObject()
            json.closeArray()
            json.closeObject()
        }
        json.closeArray()
        json.closeObject()
        return json.string
    }

    static func person(_ reviewer: Reviewer, to json: inout JSONBytes) {
        json.openObject()
        json.member("@type", "Person")
        json.member("name", reviewer.name)
        if let credentials = reviewer.credentials {
            json.member("honorificSuffix", credentials)
            json.openObject("hasCredential")
            json.member("@type", "EducationalOccupationalCredential")
            json.member("name", credentials)
            json.closeObject()
        }
        json.closeObject()
    }

    static func citation(_ source: SourceReference, to json: inout JSONBytes) {
        json.openObject()
        json.member("@type", "CreativeWork")
        json.member("name", source.title)
        // Same defence in depth as the visible list: only addresses a reader can check.
        if FrontMatterDecoder.isPublicAddress(source.url) { json.member("url", source.url) }
        if let publisher = source.publisher {
            json.openObject("publisher")
            json.member("@type", "Organization")
            json.member("name", publisher)
            json.closeObject()
        }
        // ISO 8601, as schema.org's Date requires; the page itself shows the date as written.
        json.member("datePublished", source.isoDate)
        json.closeObject()
    }

    static func audienceType(_ audience: Audience) -> String {
        switch audience {
        case .patient: "Patient"
        case .caregiver: "Caregiver"
        case .clinician: "Clinician"
        }
    }
}
