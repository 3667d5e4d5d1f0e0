import Foundation
import KubeAPI
import Testing

@Suite("IntOrString")
struct IntOrStringTests {
    @Test(arguments: [("3", IntOrString.int(3)), (#""50%""#, .string("50%")), (#""3""#, .string("3")), ("0", .int(0))])
    func decodesAndEncodesBackUnchanged(json: String, value: IntOrString) throws {
        let decoded = try KubeJSON.decoder().decode(IntOrString.self, from: Data(json.utf8))
        #expect(decoded == value)
        #expect(String(decoding: try KubeJSON.encoder().encode(value), as: UTF8.self) == json)
    }

    @Test func rejectsOtherJSON() {
        #expect(throws: DecodingError.self) { try KubeJSON.decoder().decode(IntOrString.self, from: Data("true".utf8)) }
        #expect(throws: DecodingError.self) { try KubeJSON.decoder().decode(IntOrString.self, from: Data("1.5".utf8)) }
    }

    @Test(arguments: [
        (IntOrString.int(2), 10, IntOrString.Rounding.up, 2 as Int?),
        (.int(2), 10, .down, 2),
        (.string("50%"), 3, .up, 2),
        (.string("50%"), 3, .down, 1),
        (.string("33%"), 10, .up, 4),
        (.string("33%"), 10, .down, 3),
        (.string("100%"), 7, .up, 7),
        (.string("0%"), 7, .up, 0),
        (.string("25%"), 0, .up, 0),
        (.string("50"), 10, .up, nil),
        (.string("%"), 10, .up, nil),
        (.string("half"), 10, .down, nil),
        (.string("9223372036854775807%"), 2, .up, nil),
    ])
    func scalesAgainstTotal(value: IntOrString, total: Int, rounding: IntOrString.Rounding, expected: Int?) {
        #expect(value.scaledValue(total: total, rounding: rounding) == expected)
    }

    @Test func roundingDirectionsBracketTheExactShare() {
        for percent in 0...100 {
            let value = IntOrString.string("\(percent)%")
            let up = value.scaledValue(total: 9, rounding: .up) ?? -1
            let down = value.scaledValue(total: 9, rounding: .down) ?? -1
            let exact = Double(percent * 9) / 100
            #expect(Double(down) <= exact && exact <= Double(up))
            #expect(up - down <= 1)
        }
    }

    @Test func budgetFieldsKeepTheirForm() throws {
        let spec = PodDisruptionBudget.Spec(minAvailable: .string("60%"), maxUnavailable: .int(1))
        let data = try KubeJSON.encoder().encode(spec)
        #expect(try JSONTree(data) == .object(["minAvailable": .string("60%"), "maxUnavailable": .number(1)]))
    }
}
