import Foundation

/// A Prometheus instant query (`/api/v1/query`): its URL, and its answer read as one sample, from a scalar or a
/// vector of exactly one series. Pure.
enum PrometheusQuery {
    static func url(server: URL, query: String) -> URL? {
        guard var components = URLComponents(url: server, resolvingAgainstBaseURL: false) else { return nil }
        components.path = (components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path) + "/api/v1/query"
        components.queryItems = [URLQueryItem(name: "query", value: query)]
        return components.url
    }

    private struct Envelope: Decodable {
        struct Payload: Decodable {
            let resultType: String
            let result: Result
        }
        struct Series: Decodable { let value: [Field]? }
        enum Result: Decodable {
            case scalar([Field])
            case series([Series])

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let series = try? container.decode([Series].self) {
                    self = .series(series)
                } else {
                    self = .scalar(try container.decode([Field].self))
                }
            }
        }
        /// A value pair is `[timestamp, "value"]`: a number, then a string.
        enum Field: Decodable {
            case number(Double)
            case text(String)

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Double.self) {
                    self = .number(number)
                } else {
                    self = .text(try container.decode(String.self))
                }
            }
        }
        let status: String
        let data: Payload?
        let error: String?
    }

    /// The query's value, or what is wrong with the answer (HTTP `status` other than 200 included).
    static func response(status: Int, body: Data) -> ProbeResponse {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: body) else {
            return .failed(status == 200 ? "the answer is not a Prometheus query result" : "HTTP \(status)")
        }
        guard envelope.status == "success", let data = envelope.data else {
            return .failed("query failed: \(envelope.error.map { String($0.prefix(200)) } ?? "HTTP \(status)")")
        }
        switch data.result {
        case .scalar(let pair): return value(pair)
        case .series(let series):
            guard series.count == 1, let pair = series[0].value else {
                return .failed(
                    series.isEmpty
                        ? "the query returned no series" : "the query returned \(series.count) series; aggregate it to one (sum, max)")
            }
            return value(pair)
        }
    }

    private static func value(_ pair: [Envelope.Field]) -> ProbeResponse {
        guard pair.count == 2, case .text(let text) = pair[1], let value = Double(text) else {
            return .failed("the query's value is not a number")
        }
        return value.isNaN ? .failed("the query's value is NaN") : .value(value)
    }
}
