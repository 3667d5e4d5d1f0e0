import Foundation
import Testing

@testable import PodChaos

@Suite("A Prometheus instant query: its URL, and its answer read as one value")
struct PrometheusQueryTests {
    @Test("The query goes to /api/v1/query under the server's path, encoded")
    func url() {
        let url = PrometheusQuery.url(server: URL(string: "http://prom:9090/prometheus/")!, query: "sum(rate(x[1m])) > 0")
        #expect(url?.absoluteString == "http://prom:9090/prometheus/api/v1/query?query=sum(rate(x%5B1m%5D))%20%3E%200")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var status = 200
        var body: String
        var response: ProbeResponse
    }

    static let cases: [Case] = [
        Case(
            testDescription: "a vector of one series",
            body: #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"web"},"value":[1800000000.5,"0.25"]}]}}"#,
            response: .value(0.25)),
        Case(
            testDescription: "a scalar", body: #"{"status":"success","data":{"resultType":"scalar","result":[1800000000.5,"3"]}}"#,
            response: .value(3)),
        Case(
            testDescription: "an empty vector", body: #"{"status":"success","data":{"resultType":"vector","result":[]}}"#,
            response: .failed("the query returned no series")),
        Case(
            testDescription: "two series",
            body:
                #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]},{"metric":{},"value":[1,"2"]}]}}"#,
            response: .failed("the query returned 2 series; aggregate it to one (sum, max)")),
        Case(
            testDescription: "NaN", body: #"{"status":"success","data":{"resultType":"scalar","result":[1,"NaN"]}}"#,
            response: .failed("the query's value is NaN")),
        Case(
            testDescription: "a bad query (400)", status: 400,
            body: #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": parse error"}"#,
            response: .failed(#"query failed: invalid parameter "query": parse error"#)),
        Case(testDescription: "not Prometheus at all", body: "<html>", response: .failed("the answer is not a Prometheus query result")),
        Case(testDescription: "a 503 from a proxy", status: 503, body: "Service Unavailable", response: .failed("HTTP 503")),
    ]

    @Test("Answers read as a value or a one-line failure", arguments: cases)
    func answer(_ example: Case) {
        #expect(PrometheusQuery.response(status: example.status, body: Data(example.body.utf8)) == example.response)
    }
}
