// Serial stand-in for oneTBB's combinable (WebAssembly build only; see
// parallel_for.h): one thread, so one local value, combined once.
#pragma once

namespace tbb {

template <class T>
class combinable {
 public:
  T& local() { return value_; }
  template <class Combine>
  void combine_each(Combine&& combine) const {
    combine(value_);
  }

 private:
  T value_{};
};

}  // namespace tbb
