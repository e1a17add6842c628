extension SiteSettings {
    /// `https://example.org/health/` → `https://example.org/`: where crawlers read robots.txt.
    public var hostRoot: String? {
        guard let scheme = baseURL.firstRange(of: "://") else { return nil }
        let rest = baseURL[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return baseURL + "/" }
        return String(baseURL[..<slash]) + "/"
    }
}
