import Foundation
import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// What other pages see of an article: its path, slug, front matter (titles, conditions, tags,
/// dates, reviewers, drafts, the change log), headings (link anchors, the search index), and the
/// dates its body decides (the snippets it includes: its next review and the day it last changed,
/// which the sitemap, the feed and the review schedule show). When no article's facts changed,
/// every other page and every other article's diagnostics are as the last build left them.
package enum SiteFacts {
    /// What `digest` gives; the preview stores it by this name, so it follows the cache's hash.
    package typealias Digest = ContentDigest

    package static func digest(_ article: Article) -> Digest {
        var hash = ContentHash()
        hash.add(article.frontMatterDigest)
        hash.add(article.slug)
        for heading in article.document.headings {
            hash.add(UInt64(heading.level))
            hash.add(heading.text)
            hash.add(heading.id)
        }
        for snippet in article.includedSnippets { hash.add(snippet.name) }
        hash.add(UInt64(bitPattern: Int64(article.nextReview?.daysSinceEpoch ?? Int.min)))
        hash.add(UInt64(bitPattern: Int64(article.lastModified?.daysSinceEpoch ?? Int.min)))
        return hash.value
    }
}
