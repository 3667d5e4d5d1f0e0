import KubeSandbox
import Testing

@Suite("Fault path patterns")
struct PathPatternTests {
    @Test(
        arguments: [
            ("/api/v1/namespaces/*/pods/*/eviction", "/api/v1/namespaces/demo/pods/web-1/eviction", true),
            ("/api/v1/namespaces/*/pods/*/eviction", "/api/v1/namespaces/demo/pods/web-1", false),
            ("/api/v1/namespaces/*/pods/*/eviction", "/api/v1/namespaces/demo/pods/web-1/eviction/extra", false),
            ("/api/v1/namespaces/*/pods", "/api/v1/namespaces/demo/pods?watch=1&resourceVersion=5", true),
            ("/api/v1/namespaces/*/pods", "/api/v1/namespaces//pods", false),
            ("/apis/**", "/apis", true),
            ("/apis/**", "/apis/apps/v1/namespaces/demo/deployments/web/scale", true),
            ("/apis/**", "/api/v1/pods", false),
            ("/**", "/", true),
            ("/**", "/version", true),
            ("/**/eviction", "/api/v1/namespaces/demo/pods/web-1/eviction", true),
            ("/**/eviction", "/api/v1/namespaces/demo/pods/web-1", false),
            ("/api/**/pods/*", "/api/v1/namespaces/demo/pods/web-1", true),
            ("/api/**/**/pods/*", "/api/v1/pods/web-1", true),
            ("/api/v1/namespaces/demo/pods/nginx-*", "/api/v1/namespaces/demo/pods/nginx-747d4c55d8-b2w8h", true),
            ("/api/v1/namespaces/demo/pods/nginx-*", "/api/v1/namespaces/demo/pods/redis-0", false),
            ("/api/v1/namespaces/demo/pods/*-0", "/api/v1/namespaces/demo/pods/db-0", true),
            ("/api/v1/namespaces/demo/pods/a*b*c", "/api/v1/namespaces/demo/pods/abc", true),
            ("/api/v1/namespaces/demo/pods/a*b*c", "/api/v1/namespaces/demo/pods/ac", false),
            ("/api/v1/namespaces/demo/pods/ab*ba", "/api/v1/namespaces/demo/pods/aba", false),
            ("/version", "/version/", true),
            ("/version", "/versions", false),
        ])
    func matching(pattern: String, path: String, matches: Bool) throws {
        let compiled = try #require(PathPattern(pattern))
        #expect(compiled.matches(path) == matches)
    }

    @Test("rejects relative paths and ** inside a segment", arguments: ["api/v1", "", "/api/v1**", "/a/**b"])
    func invalid(pattern: String) {
        #expect(PathPattern(pattern) == nil)
    }
}
