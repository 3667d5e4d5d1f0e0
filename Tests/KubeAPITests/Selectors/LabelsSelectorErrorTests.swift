import Testing

@testable import KubeAPI

@Suite("Labels.Selector errors")
struct LabelsSelectorErrorTests {
    enum Expected: Sendable {
        case syntax, invalidKey, invalidValue, invalidOperator
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let text: String
        let kind: Expected
        let message: String
        var testDescription: String { text }
    }

    static let longName = String(repeating: "a", count: 64)

    static let cases: [ErrorCase] = [
        ErrorCase(text: "app in (a", kind: .syntax, message: #"invalid label selector "app in (a": missing ")""#),
        ErrorCase(
            text: "app in (a b)", kind: .syntax,
            message: #"invalid label selector "app in (a b)": expected "," or ")" after "a", found "b""#),
        ErrorCase(text: "app in", kind: .syntax, message: #"invalid label selector "app in": expected "(" after "in", found end of input"#),
        ErrorCase(
            text: "app notin a", kind: .syntax, message: #"invalid label selector "app notin a": expected "(" after "notin", found "a""#),
        ErrorCase(
            text: "app in (a=b)", kind: .syntax,
            message: #"invalid label selector "app in (a=b)": expected a value, "," or ")" in the values of "in", found "=""#),
        ErrorCase(
            text: "app within (a)", kind: .invalidOperator,
            message: #"invalid label selector "app within (a)": expected "=", "==", "!=", "in" or "notin" after "app", found "within""#),
        ErrorCase(
            text: "app=>b", kind: .syntax, message: #"invalid label selector "app=>b": expected a value after "=", found ">""#),
        ErrorCase(
            text: "app>1", kind: .invalidOperator, message: #"invalid label selector "app>1": operators ">" and "<" are not supported"#),
        ErrorCase(
            text: "app=a b", kind: .syntax,
            message: #"invalid label selector "app=a b": expected "," or end of input after "app=a", found "b""#),
        ErrorCase(
            text: "!app=a", kind: .syntax,
            message: #"invalid label selector "!app=a": expected "," or end of input after "!app", found "=""#),
        ErrorCase(text: "app=a,", kind: .syntax, message: #"invalid label selector "app=a,": expected a label key, found end of input"#),
        ErrorCase(text: ",app", kind: .syntax, message: #"invalid label selector ",app": expected a label key, found ",""#),
        ErrorCase(text: "!", kind: .syntax, message: #"invalid label selector "!": expected a label key after "!", found end of input"#),
        ErrorCase(
            text: "\(longName)=x", kind: .invalidKey,
            message: #"invalid label selector "\#(longName)=x": key "\#(longName)" has a name longer than 63 characters"#),
        ErrorCase(
            text: "-app=x", kind: .invalidKey,
            message:
                #"invalid label selector "-app=x": key "-app" must be alphanumeric, '-', '_' or '.', starting and ending with an alphanumeric"#
        ),
        ErrorCase(
            text: "Example.com/app=x", kind: .invalidKey,
            message:
                #"invalid label selector "Example.com/app=x": key "Example.com/app" has a prefix that is not a lower-case DNS subdomain"#),
        ErrorCase(text: "a/b/c", kind: .invalidKey, message: #"invalid label selector "a/b/c": key "a/b/c" has more than one "/""#),
        ErrorCase(text: "/app", kind: .invalidKey, message: #"invalid label selector "/app": key "/app" has an empty prefix before "/""#),
        ErrorCase(
            text: "app=\(longName)", kind: .invalidValue,
            message: #"invalid label selector "app=\#(longName)": value "\#(longName)" is longer than 63 characters"#),
        ErrorCase(
            text: "app in (ok,bad_)", kind: .invalidValue,
            message:
                #"invalid label selector "app in (ok,bad_)": value "bad_" must be alphanumeric, '-', '_' or '.', starting and ending with an alphanumeric"#
        ),
        ErrorCase(
            text: "app=caf\u{E9}", kind: .invalidValue,
            message:
                "invalid label selector \"app=caf\u{E9}\": value \"caf\u{E9}\" must be alphanumeric, '-', '_' or '.', starting and ending with an alphanumeric"
        ),
        ErrorCase(
            text: "app=a\nb", kind: .syntax,
            message: #"invalid label selector "app=a\nb": expected "," or end of input after "app=a", found "b""#),
    ]

    @Test(arguments: cases)
    func rejectsWithAMessageQuotingTheOffendingPart(_ testCase: ErrorCase) {
        #expect {
            try Labels.Selector(parsing: testCase.text)
        } throws: { error in
            guard let error = error as? SelectorError else { return false }
            let kindMatches: Bool
            switch testCase.kind {
            case .syntax: kindMatches = error.isSyntax
            case .invalidKey: kindMatches = error.isInvalidKey
            case .invalidValue: kindMatches = error.isInvalidValue
            case .invalidOperator: kindMatches = error.isInvalidOperator
            }
            return kindMatches && error.kind == .label && error.description == testCase.message && !error.description.contains("\n")
        }
    }
}
