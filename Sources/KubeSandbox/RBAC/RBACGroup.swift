/// The API group of the RBAC resources.
public enum RBACGroup {
    public static let name = "rbac.authorization.k8s.io"
}
