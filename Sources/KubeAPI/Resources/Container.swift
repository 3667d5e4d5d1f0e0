/// One container of a pod: its name and image.
public struct Container: Codable, Sendable, Hashable {
    public var name: String
    public var image: String?

    public init(name: String, image: String? = nil) {
        self.name = name
        self.image = image
    }
}
