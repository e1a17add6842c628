import Foundation
import Hummingbird
import MedsiteCore

/// Answers every request from the in-memory site. Only GET and HEAD; only paths the site holds;
/// only requests addressed to this computer (see `AllowedHosts`).
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let state: PreviewState
    let hub: EventHub
    let allowedHosts: AllowedHosts
    let contentFiles: ContentFileReader

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        if request.headers.contains(where: { $0.name.canonicalName == AbsoluteFormTarget.unsupportedTargetHeader }) {
            return text(.badRequest, "Bad request: the request target must be a path starting with / (or an http:// address of this preview).\n")
        }
        // Before anything else: a refused host gets no page, no status JSON and no event stream.
        guard let authority = request.head.authority else {
            return text(.badRequest, "Bad request: the request has no Host header.\n")
        }
        guard allowedHosts.allows(authority: authority) else {
            return text(.misdirectedRequest, """
                This preview answers only requests addressed to this computer (localhost, 127.0.0.1 or [::1], \
                or the --host it was started with), not to '\(Self.printable(authority))': a web page using \
                another name could otherwise read unpublished drafts. Open the address medsite serve printed.

                """)
        }
        if let origin = request.headers[.origin], !allowedHosts.allows(origin: origin) {
            return text(.forbidden, """
                This preview does not answer requests made by other web sites (Origin: \(Self.printable(origin))). \
                Open the address medsite serve printed.

                """)
        }
        guard request.method == .get || request.method == .head else {
            var response = text(.methodNotAllowed, "Only GET and HEAD are allowed.\n")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > 0 {
            return text(.contentTooLarge, "Requests with a body are not accepted.\n")
        }
        let path: String
        switch RequestPath.resolve(request.head.path ?? "/") {
        case .failure(.tooLong): return text(.uriTooLong, "The path is too long.\n")
        case .failure(.badRequest(let reason)): return text(.badRequest, "Bad request: \(reason).\n")
        case .success(let value): path = value
        }
        var response = route(path)
        if request.method == .head { response.body = ResponseBody() }
        return response
    }

    func route(_ path: String) -> Response {
        if "/" + path == PreviewPages.eventsPath { return events() }
        if path.hasPrefix("__medsite/") { return medsitePath(path) }
        let (site, generation) = state.snapshot
        let file = path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path

        if let page = site.pages[file] {
            let problems = PreviewPages.problems(for: page.source, in: site)
            return html(.ok, PreviewPages.decorate(page.html, isDraft: page.isDraft, problems: problems, generation: generation))
        }
        if let source = site.unrenderable[file] ?? (site.pages.isEmpty && file.hasSuffix(".html") ? sourceForBrokenSite(file, site) : nil) {
            let problems = PreviewPages.problems(for: source.isEmpty ? nil : source, in: site)
            return html(.internalServerError, PreviewPages.errorPage(title: source.isEmpty ? "The site cannot be built" : "\(source) cannot be shown",
                                                                     problems: problems, generation: generation))
        }
        if let bytes = site.themeAssets[file] { return body(.ok, bytes, type: RequestPath.contentType(for: file)) }
        if let absolute = site.contentAssets[file] {
            switch contentFiles.read(absolute) {
            case .success(let bytes): return body(.ok, bytes, type: RequestPath.contentType(for: file))
            case .failure(.outsideContent):
                return text(.forbidden, "Content/\(file) is no longer a file inside Content/ (it was replaced by a link leading elsewhere, "
                            + "or by something that is not a file), so it is not served.\n")
            case .failure(.unreadable): break
            }
        }
        if !path.isEmpty, !path.hasSuffix("/"), site.pages[path + "/index.html"] != nil || site.unrenderable[path + "/index.html"] != nil {
            var response = Response(status: .movedPermanently)
            response.headers[.location] = "/" + path + "/"
            return response
        }
        return notFound(path, site: site, generation: generation)
    }

    /// With the settings or theme broken there are no pages: every page address shows why, and the
    /// article's own problems when the address is one an article had.
    func sourceForBrokenSite(_ file: String, _ site: PreviewSite) -> String {
        let slug = file.hasSuffix("/index.html") ? String(file.dropLast("/index.html".count)) : nil
        return site.knownSlugs.first { $0.value == slug }?.key ?? ""
    }

    func notFound(_ path: String, site: PreviewSite, generation: Int) -> Response {
        let problems = PreviewPages.problems(for: nil, in: site)
        if let custom = site.pages["404.html"] {
            return html(.notFound, PreviewPages.decorate(custom.html, isDraft: false, problems: problems, generation: generation))
        }
        return html(.notFound, PreviewPages.decorate(PreviewPages.notFoundPage(path: path), isDraft: false,
                                                      problems: problems, generation: generation))
    }

    func medsitePath(_ path: String) -> Response {
        let (site, generation) = state.snapshot
        if path.hasPrefix(String(PreviewPages.explainPrefix.dropFirst())) {
            let id = String(path.dropFirst(PreviewPages.explainPrefix.count - 1))
            if let rule = RuleID(id).rule { return html(.ok, PreviewPages.explainPage(rule)) }
        }
        if path == "__medsite/status" {
            let json = "{\"generation\":\(generation),\"pages\":\(site.pages.count),\"errors\":\(site.errorCount),\"warnings\":\(site.warningCount),\"event_streams\":\(hub.count)}\n"
            return body(.ok, Array(json.utf8), type: "application/json")
        }
        return notFound(path, site: site, generation: generation)
    }

    /// Server-Sent Events: `hello` with the current generation, then `reload` after every rebuild.
    /// When all streams are taken the oldest is closed to make room (see `EventHub`).
    func events() -> Response {
        guard let stream = hub.subscribe() else {
            var response = text(.serviceUnavailable, "The preview is stopping.\n")
            response.headers[.retryAfter] = "5"
            return response
        }
        let generation = state.snapshot.generation
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 1000\nevent: hello\ndata: \(generation)\n\n"))
            for await message in stream {
                try await writer.write(ByteBuffer(string: message))
            }
            try await writer.finish(nil)
        })
    }

    /// Header text echoed in a message: printable ASCII only, at most 200 characters.
    static func printable(_ value: String) -> String {
        String(value.unicodeScalars.prefix(200).map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" })
    }

    func html(_ status: HTTPResponse.Status, _ text: String) -> Response {
        body(status, Array(text.utf8), type: "text/html; charset=utf-8")
    }

    func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        body(status, Array(text.utf8), type: "text/plain; charset=utf-8")
    }

    func body(_ status: HTTPResponse.Status, _ bytes: [UInt8], type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.contentLength] = String(bytes.count)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
