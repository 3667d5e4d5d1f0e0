import Foundation
import Testing

@testable import KubeAPI

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test("Keys and values keep the order they are written in, with commas only between members and elements")
    func structure() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("ts")
        writer.string("t")
        writer.key("list")
        writer.beginArray()
        writer.number(1)
        writer.beginObject()
        writer.endObject()
        writer.beginArray()
        writer.endArray()
        writer.null()
        writer.endArray()
        writer.key("nested")
        writer.beginObject()
        writer.key("b")
        writer.bool(true)
        writer.key("a")
        writer.bool(false)
        writer.endObject()
        writer.endObject()
        #expect(writer.text == #"{"ts":"t","list":[1,{},[],null],"nested":{"b":true,"a":false}}"#)
    }

    @Test(
        "Strings are escaped as Go's encoding/json escapes them",
        arguments: [
            ("say \"hi\"\\", #""say \"hi\"\\""#), ("a\nb\rc\td", #""a\nb\rc\td""#), ("\u{8}\u{C}", #""\b\f""#),
            ("\u{1}\u{1F}", #""\u0001\u001f""#), ("line\u{2028}para\u{2029}", #""line\u2028para\u2029""#),
            ("é ¨ 🐒 </>&", "\"é ¨ 🐒 </>&\""),
        ])
    func escaping(text: String, json: String) throws {
        var writer = JSONWriter()
        writer.string(text)
        #expect(writer.text == json)
        #expect(try JSONSerialization.jsonObject(with: Data(writer.bytes), options: .fragmentsAllowed) as? String == text)
    }

    @Test(
        "Whole numbers are written as integers; NaN and the infinities, which JSON cannot hold, as null",
        arguments: [(3.0, "3"), (-2.0, "-2"), (1.5, "1.5"), (1e20, "1e+20"), (.nan, "null"), (.infinity, "null")])
    func numbers(value: Double, json: String) {
        var writer = JSONWriter()
        writer.number(value)
        #expect(writer.text == json)
    }
}
