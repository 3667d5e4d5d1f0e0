import Foundation
import Testing

@testable import PodChaos

@Suite("--probe text: targets, options, bounds and refusals")
struct ProbeSpecParserTests {
    @Test("An HTTP probe with every option")
    func httpWithOptions() throws {
        let spec = try ProbeSpecParser.parse(
            "https://web.example:8443/healthz rate=10/s status=200,204 body='ok|ready' timeout=500ms success=0.95 abort=0.8 p99=300ms name=web method=head"
        )
        #expect(spec.name == "web")
        #expect(spec.target == .http(URL(string: "https://web.example:8443/healthz")!))
        #expect(spec.method == "HEAD")
        #expect(spec.rate == ProbeRate(count: 10, per: .seconds(1)))
        #expect(spec.rate.interval == .milliseconds(100))
        #expect(spec.expectation.statuses == [200, 204])
        #expect(spec.expectation.body?.matches("all ready") == true)
        #expect(spec.timeout == .milliseconds(500))
        #expect(spec.steadyState == SteadyStateCriteria(minimumSuccess: 0.95, maximumP99: .milliseconds(300)))
        #expect(spec.abortBelow == 0.8)
    }

    @Test("Defaults: 5/s, 1s timeout, success 0.99, abort below 0.9, any 2xx or 3xx; the name is host and path")
    func defaults() throws {
        let spec = try ProbeSpecParser.parse("http://web.shop.svc/healthz")
        #expect(spec.name == "web.shop.svc/healthz")
        #expect(spec.rate.description == "5/s")
        #expect(spec.timeout == .seconds(1))
        #expect(spec.steadyState == SteadyStateCriteria(minimumSuccess: 0.99))
        #expect(spec.abortBelow == 0.9)
        #expect(spec.expectation.failure(of: .http(status: 302, body: "")) == nil)
        #expect(spec.expectation.failure(of: .http(status: 503, body: "")) == "HTTP 503")
        #expect(try ProbeSpecParser.parse("http://x/ abort=0").abortBelow == nil)
    }

    @Test("A Service probe: namespace, name, port and path; a path may be absent")
    func service() throws {
        let spec = try ProbeSpecParser.parse("service:podchaos-demo/nginx:80/")
        #expect(spec.target == .service(ServiceAddress(namespace: "podchaos-demo", name: "nginx", port: "80", path: "/")))
        #expect(spec.name == "podchaos-demo/nginx")
        #expect(spec.display == "service:podchaos-demo/nginx:80/")
        let named = try ProbeSpecParser.parse("service:shop/web:http")
        #expect(named.target == .service(ServiceAddress(namespace: "shop", name: "web", port: "http", path: "/")))
        #expect(ServiceAddress(namespace: "shop", name: "web", port: "http", path: "/").clusterURL == nil)
        #expect(
            ServiceAddress(namespace: "shop", name: "web", port: "8080", path: "/ok").clusterURL
                == URL(string: "http://web.shop.svc:8080/ok"))
    }

    @Test("A Prometheus probe: query and threshold, 1 every 5s by default")
    func prometheus() throws {
        let spec = try ProbeSpecParser.parse(
            #"prometheus:http://prometheus.monitoring:9090 query='sum(rate(http_errors_total{job="web"}[1m]))' max=0.05"#)
        #expect(
            spec.target
                == .prometheus(
                    server: URL(string: "http://prometheus.monitoring:9090/")!, query: #"sum(rate(http_errors_total{job="web"}[1m]))"#))
        #expect(spec.expectation.maximum == 0.05)
        #expect(spec.rate.description == "1/5s")
        #expect(spec.expectation.failure(of: .value(0.04)) == nil)
        #expect(spec.expectation.failure(of: .value(0.06)) == "value 0.06 is above 0.05")
    }

    @Test("Credentials in a URL become an Authorization header and are shown nowhere; a query string is hidden")
    func credentials() throws {
        let spec = try ProbeSpecParser.parse("https://user:s3cret@web.example/healthz?token=abc")
        #expect(spec.authorization == "Basic " + Data("user:s3cret".utf8).base64EncodedString())
        #expect(spec.display == "https://web.example/healthz?…")
        #expect(!spec.name.contains("s3cret"))
        guard case .http(let url) = spec.target else { throw ProbeTestFailure.wrongTarget }
        #expect(!url.absoluteString.contains("s3cret"))
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var text: String
        var message: String
        var testDescription: String { text }
    }

    static let refusals: [Refusal] = [
        Refusal(text: "", message: "expected http://"),
        Refusal(text: "ftp://x/", message: "expected http://"),
        Refusal(text: "service:shop", message: "expected http://"),
        Refusal(text: "service:Shop/web:80/", message: "expected http://"),
        Refusal(text: "service:shop/web:99999/", message: "expected http://"),
        Refusal(text: "http://x/ rate=100/s", message: "rate=\"100/s\": expected at most 50/s"),
        Refusal(text: "http://x/ rate=fast", message: "COUNT/UNIT"),
        Refusal(text: "http://x/ timeout=1m", message: "timeout=\"1m\": expected a duration from 1ms to 30s"),
        Refusal(text: "http://x/ success=2", message: "a ratio from 0 to 1"),
        Refusal(text: "http://x/ status=abc", message: "HTTP statuses"),
        Refusal(text: "http://x/ method=DELETE", message: "GET, HEAD, OPTIONS, POST"),
        Refusal(text: "http://x/ body=(", message: "a regular expression"),
        Refusal(text: "http://x/ colour=red", message: "unknown option \"colour\""),
        Refusal(text: "http://x/ colour", message: "unknown option \"colour\""),
        Refusal(text: "http://x/ query=up", message: "query= does not apply to a http probe"),
        Refusal(text: "http://x/ body='ok", message: "a quote is not closed"),
        Refusal(text: "http://x/ name=a%b", message: "1 to 63 letters"),
        Refusal(text: "prometheus:http://p:9090 max=1", message: "a prometheus probe needs query="),
        Refusal(text: "prometheus:http://p:9090 query=up", message: "needs max or min="),
        Refusal(text: "prometheus:http://p:9090 query=up max=x", message: "a number"),
        Refusal(text: "prometheus:http://p:9090 query=up max=1 status=200", message: "status= does not apply"),
    ]

    @Test("Bad --probe text is refused in one line naming the culprit", arguments: refusals)
    func refused(_ refusal: Refusal) {
        do {
            _ = try ProbeSpecParser.parse(refusal.text)
            Issue.record("accepted \(refusal.text)")
        } catch {
            #expect(error.description.contains(refusal.message), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("Two probes with one name are refused")
    func duplicateNames() {
        #expect(throws: ProbeError.self) { try ProbeSpecParser.parse(["http://a/x name=web", "http://b/y name=web"]) }
        #expect((try? ProbeSpecParser.parse(["http://a/x", "http://b/y"]))?.count == 2)
    }

    @Test("A URL's password never appears in a refusal")
    func refusalHidesPassword() {
        do {
            _ = try ProbeSpecParser.parse("https://user:s3cret@/nohost")
            Issue.record("accepted")
        } catch {
            #expect(!error.description.contains("s3cret"), "\(error.description)")
        }
    }

    enum ProbeTestFailure: Error { case wrongTarget }
}
