import AsyncHTTPClient
import Foundation
import KubeAPI
import NIOCore
import NIOHTTP1

/// `ProbeTransport` over the network: HTTP probes and Prometheus queries with AsyncHTTPClient, Service probes through
/// the cluster's DNS from inside it or the API server's service proxy from outside. Redirects are not followed (a
/// probe sends only where the user said); an answer's body is read up to `maximumBodyBytes`; every request ends
/// after its probe's timeout, measured on `clock`.
public struct NetworkProbeTransport: ProbeTransport {
    /// How a Service probe reaches the Service.
    public enum ServiceRoute: Sendable, Hashable {
        /// `http://NAME.NAMESPACE.svc:PORT/PATH`: podchaosmonkey runs in the cluster.
        case clusterDNS
        /// `/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH` with the client's credentials: from a workstation.
        case apiProxy
    }

    public static let maximumBodyBytes = 64 * 1024

    let http: HTTPClient
    let kubernetes: KubernetesClient
    let serviceRoute: ServiceRoute
    let clock: any Clock<Duration>

    /// Runs `body` with a transport whose HTTP client is shut down when `body` returns.
    public static func with<Result>(
        kubernetes: KubernetesClient, serviceRoute: ServiceRoute, clock: any Clock<Duration> = ContinuousClock(),
        _ body: (NetworkProbeTransport) async throws -> Result
    ) async throws -> Result {
        let configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5)))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let transport = NetworkProbeTransport(http: client, kubernetes: kubernetes, serviceRoute: serviceRoute, clock: clock)
        let result: Result
        do {
            result = try await body(transport)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return result
    }

    public func send(_ probe: ProbeSpec) async -> ProbeResponse {
        let (timeout, clock) = (probe.timeout, self.clock)
        return await withTaskGroup(of: ProbeResponse?.self) { group in
            defer { group.cancelAll() }
            group.addTask { await self.exchange(probe) }
            group.addTask {
                try? await clock.sleep(for: timeout)
                return nil
            }
            return await group.next().flatMap { $0 } ?? .failed("timed out after \(GoDuration.format(timeout, precision: .readable))")
        }
    }

    private func exchange(_ probe: ProbeSpec) async -> ProbeResponse {
        switch probe.target {
        case .http(let url):
            return await fetch(url, probe: probe).map { .http(status: $0.status, body: String(decoding: $0.body, as: UTF8.self)) }
        case .prometheus(let server, let query):
            guard let url = PrometheusQuery.url(server: server, query: query) else { return .failed("cannot build the query URL") }
            return await fetch(url, probe: probe).map { PrometheusQuery.response(status: $0.status, body: $0.body) }
        case .service(let address):
            return await service(address, probe: probe)
        }
    }

    private func service(_ address: ServiceAddress, probe: ProbeSpec) async -> ProbeResponse {
        if serviceRoute == .clusterDNS, let url = address.clusterURL {
            return await fetch(url, probe: probe).map { .http(status: $0.status, body: String(decoding: $0.body, as: UTF8.self)) }
        }
        do {
            let answer = try await kubernetes.proxy(
                service: address.name, namespace: address.namespace, port: address.port, path: address.path,
                method: HTTPMethod(rawValue: probe.method), timeout: probe.timeout)
            return .http(status: answer.status, body: answer.body)
        } catch {
            return .failed(EchoedText.line(String(describing: error)))
        }
    }

    private func fetch(_ url: URL, probe: ProbeSpec) async -> FetchResult {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = HTTPMethod(rawValue: probe.method)
        request.headers.add(name: "User-Agent", value: "podchaosmonkey-probe")
        if let authorization = probe.authorization { request.headers.add(name: "Authorization", value: authorization) }
        do {
            // `send` bounds the request on its clock and cancels it; the client needs no deadline of its own.
            let response = try await http.execute(request, deadline: .distantFuture)
            var body = Data()
            for try await chunk in response.body {
                body.append(contentsOf: chunk.readableBytesView.prefix(Self.maximumBodyBytes - body.count))
                if body.count >= Self.maximumBodyBytes { break }
            }
            return .answered(status: Int(response.status.code), body: body)
        } catch {
            return .failed(Self.describe(error, url: url))
        }
    }

    /// One line, without the URL's query (which may hold a token).
    static func describe(_ error: any Error, url: URL) -> String {
        var text = String(describing: error)
        if let query = url.query, !query.isEmpty { text = text.replacingOccurrences(of: query, with: "…") }
        return EchoedText.line(String(text.prefix(300)))
    }
}
