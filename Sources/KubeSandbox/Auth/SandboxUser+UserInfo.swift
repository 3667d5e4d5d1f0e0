extension SandboxUser {
    /// The identity the authorizer sees: the user's name and groups, `system:authenticated` included.
    public var userInfo: UserInfo { UserInfo(name: name, groups: groups) }

    /// Members of `system:masters` may do anything, with or without RBAC, the fault endpoint included.
    var isMaster: Bool { groups.contains(UserInfo.mastersGroup) }
}
