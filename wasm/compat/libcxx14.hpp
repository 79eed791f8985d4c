// What emscripten 3.1.6's libc++ (LLVM 14) lacks from C++20/17 and the engine
// uses, for the WebAssembly build only (force-included by wasm/CMakeLists.txt;
// each part defines nothing when the library has its own):
// - std::atomic_ref: that build runs on one thread (GS_SERIAL), where an atomic
//   operation on a plain object is just the operation. Covers load, store,
//   exchange, fetch_add and compare_exchange, the members the engine calls.
// - std::from_chars for double (libc++ has it from LLVM 17): the C library's
//   strtod, which is correctly rounded like from_chars, with from_chars's
//   rules on top: no leading space or '+', no hexadecimal, the value left
//   untouched on failure, result_out_of_range when it overflows.
#pragma once

#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <system_error>
#include <version>

#if !defined(__cpp_lib_atomic_ref)
namespace std {

template <class T>
class atomic_ref {
 public:
  explicit atomic_ref(T& object) noexcept : object_(&object) {}
  T load(memory_order = memory_order_seq_cst) const noexcept { return *object_; }
  void store(T value, memory_order = memory_order_seq_cst) const noexcept { *object_ = value; }
  T exchange(T value, memory_order = memory_order_seq_cst) const noexcept {
    T old = *object_;
    *object_ = value;
    return old;
  }
  T fetch_add(T delta, memory_order = memory_order_seq_cst) const noexcept {
    T old = *object_;
    *object_ = static_cast<T>(old + delta);
    return old;
  }
  bool compare_exchange_strong(T& expected, T desired,
                               memory_order = memory_order_seq_cst) const noexcept {
    if (*object_ != expected) {
      expected = *object_;
      return false;
    }
    *object_ = desired;
    return true;
  }
  bool compare_exchange_weak(T& expected, T desired,
                             memory_order order = memory_order_seq_cst) const noexcept {
    return compare_exchange_strong(expected, desired, order);
  }

 private:
  T* object_;
};

}  // namespace std
#endif

#if defined(_LIBCPP_VERSION) && _LIBCPP_VERSION < 17000
namespace std {

inline from_chars_result from_chars(const char* first, const char* last, double& value) {
  const char* p = first;
  if (p != last && *p == '-') ++p;
  const bool hex = last - p >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
  if (first == last || isspace(static_cast<unsigned char>(*first)) || *first == '+' ||
      (p != last && (*p == '+' || *p == '-')))
    return {first, errc::invalid_argument};
  if (hex) {  // from_chars reads the "0" and stops at the 'x'
    value = *first == '-' ? -0.0 : 0.0;
    return {p + 1, errc{}};
  }
  const string text(first, last);
  char* end = nullptr;
  errno = 0;
  const double parsed = strtod(text.c_str(), &end);
  if (end == text.c_str()) return {first, errc::invalid_argument};
  const char* stop = first + (end - text.c_str());
  if (errno == ERANGE && isinf(parsed)) return {stop, errc::result_out_of_range};
  value = parsed;
  return {stop, errc{}};
}

}  // namespace std
#endif
