#pragma once
// Runs a function when the scope ends, however it ends (return or exception): for clean-up that
// belongs to no resource type of its own. Keep the function short and non-throwing; it runs
// from a destructor.
//
//   auto restore = util::ScopeExit([&] { busy = false; });
#include <type_traits>
#include <utility>

namespace qt::util {

template <class F>
class [[nodiscard]] ScopeExit {
 public:
  explicit ScopeExit(F fn) noexcept(std::is_nothrow_move_constructible_v<F>) : fn_(std::move(fn)) {}
  ~ScopeExit() { fn_(); }
  ScopeExit(const ScopeExit&) = delete;
  ScopeExit& operator=(const ScopeExit&) = delete;

 private:
  F fn_;
};

}  // namespace qt::util
