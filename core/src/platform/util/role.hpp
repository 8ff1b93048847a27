#pragma once
// A person's role, as the session carries it and the access rules of routes check it. Lives
// below HTTP so that the domain services can reason about roles without knowing requests.

namespace qt {

enum class Role { none = 0, resident = 1, staff = 2, moderator = 3, admin = 4 };

}  // namespace qt
