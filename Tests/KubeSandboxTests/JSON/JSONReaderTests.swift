import Foundation
import KubeSandbox
import Testing

@Suite struct JSONReaderTests {
    @Test(arguments: [
        #"{"a":[1,2.5,-3e2,true,false,null],"b":{"c":"d"}}"#,
        #"  [ ]  "#,
        #""esc\"aped\\ \/ \n\t\u00e9\ud83d\ude00""#,
        #"{"name":"ünïcödé","n":0}"#,
    ])
    func agreesWithJSONDecoder(text: String) throws {
        #expect(try JSONReader.parse(Data(text.utf8)) == (try JSONValue(data: Data(text.utf8))))
    }

    @Test func readsEveryFixture() throws {
        for name in ["pod.json", "podlist.json", "status-422-invalid.json", "deployment-scale.json"] {
            let data = try Fixtures.data(name)
            #expect(try JSONReader.parse(data) == (try JSONValue(data: data)), "\(name)")
        }
    }

    @Test(arguments: [
        ("{not json", "invalid character 'n' looking for beginning of object key string"),
        ("", "unexpected end of JSON input"),
        (#"{"a":1,}"#, "invalid character '}' looking for beginning of object key string"),
        ("[1 2]", "invalid character '2' after array element"),
        ("{} x", "invalid character 'x' after top-level value"),
        ("\"tab\tinside\"", "invalid character '\\x09' in string literal"),
    ])
    func errorsReadLikeTheAPIServer(text: String, message: String) {
        #expect(throws: JSONReader.SyntaxError.self) { try JSONReader.parse(Data(text.utf8)) }
        do {
            _ = try JSONReader.parse(Data(text.utf8))
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func writerOutputReadsBack() throws {
        let data = try Fixtures.data("pod.json")
        let value = try JSONReader.parse(data)
        #expect(try JSONReader.parse(value.data()) == value)
    }
}
