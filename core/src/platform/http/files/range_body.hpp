#pragma once
// A Beast body that sends a byte range of an open file (the whole file is the range 0..size):
// what a 206 answer needs, which beast's file_body cannot do (it always starts at the file's
// position 0 and reads in 4 KiB steps). Reads in 64 KiB steps, so a download is not held in
// memory and not slowed down by tiny writes.
#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/file.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>

namespace qt::http {

struct RangeFileBody {
  struct value_type {
    boost::beast::file file;
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
  };

  static std::uint64_t size(const value_type& v) { return v.length; }

  class writer {
   public:
    using const_buffers_type = boost::asio::const_buffer;

    template <bool isRequest, class Fields>
    writer(boost::beast::http::header<isRequest, Fields>&, value_type& body)
        : body_(body), buf_(std::make_unique<std::array<char, 64 * 1024>>()) {}

    void init(boost::beast::error_code& ec) {
      remain_ = body_.length;
      body_.file.seek(body_.offset, ec);
    }

    boost::optional<std::pair<const_buffers_type, bool>> get(boost::beast::error_code& ec) {
      const auto amount = static_cast<std::size_t>(std::min<std::uint64_t>(remain_, buf_->size()));
      if (amount == 0) {
        ec = {};
        return boost::none;
      }
      const auto n = body_.file.read(buf_->data(), amount, ec);
      if (ec) return boost::none;
      if (n == 0) {  // the file shrank under us
        ec = boost::beast::http::error::short_read;
        return boost::none;
      }
      remain_ -= n;
      return {{const_buffers_type(buf_->data(), n), remain_ > 0}};
    }

   private:
    value_type& body_;
    std::uint64_t remain_ = 0;
    std::unique_ptr<std::array<char, 64 * 1024>> buf_;
  };
};

}  // namespace qt::http
