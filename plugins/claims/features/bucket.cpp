#include "features.hpp"

namespace factpipe::claims::features {

std::string_view bucket(std::size_t count) {
  switch (count) {
    case 0:
      return "0";
    case 1:
      return "1";
    case 2:
      return "2";
    default:
      return "3+";
  }
}

}  // namespace factpipe::claims::features
