#include "mining/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace ordo::mining {
namespace {

constexpr size_t kChunk = 1 << 20;  // 1 MiB of input per read; inflated chunks are 4 MiB
constexpr size_t kInflatedChunk = 4 << 20;
constexpr size_t kRing = 4;
// The first inflated chunks are handed over small and then doubled up to kInflatedChunk, so the
// parser starts while the rest inflates (a small log would otherwise be one chunk, no overlap).
constexpr size_t kFirstFill = 256 << 10;

bool IsGzip(std::string_view head) {
  return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
         static_cast<unsigned char>(head[1]) == 0x8b;
}

// Pulls compressed bytes; returns 0 at end, -1 on I/O error.
class Input {
 public:
  virtual ~Input() = default;
  virtual ssize_t Read(char* buf, size_t n) = 0;
};

class FdInput : public Input {
 public:
  explicit FdInput(int fd) : fd_(fd) {}
  ~FdInput() override { ::close(fd_); }
  ssize_t Read(char* buf, size_t n) override {
    for (;;) {
      ssize_t r = ::read(fd_, buf, n);
      if (r < 0 && errno == EINTR) continue;
      return r;
    }
  }

 private:
  int fd_;
};

class MemoryInput : public Input {
 public:
  explicit MemoryInput(std::string_view data) : data_(data) {}
  ssize_t Read(char* buf, size_t n) override {
    size_t k = std::min(n, data_.size());
    std::memcpy(buf, data_.data(), k);
    data_.remove_prefix(k);
    return static_cast<ssize_t>(k);
  }

 private:
  std::string_view data_;
};

// Streaming gzip inflater over an Input; multi-member aware (RFC 1952 §2.2).
class Inflater {
 public:
  explicit Inflater(std::unique_ptr<Input> in) : in_(std::move(in)), buf_(kChunk) {
    std::memset(&z_, 0, sizeof z_);
    ok_ = inflateInit2(&z_, 15 + 16) == Z_OK;
  }
  ~Inflater() { inflateEnd(&z_); }

  // Fills out (up to cap bytes); returns bytes written, 0 at a clean end; error otherwise.
  Result<size_t> Fill(char* out, size_t cap) {
    if (!ok_) return Internal("zlib could not be initialised");
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(cap);
    while (z_.avail_out > 0 && !done_) {
      if (z_.avail_in == 0) {
        ssize_t r = in_->Read(buf_.data(), buf_.size());
        if (r < 0) return Unavailable(std::string("reading the file: ") + std::strerror(errno));
        if (r == 0) {
          if (!in_member_) {
            done_ = true;
            break;
          }
          return DataLoss("truncated gzip stream: the file ends inside compressed data at byte " +
                          std::to_string(consumed_));
        }
        z_.next_in = reinterpret_cast<Bytef*>(buf_.data());
        z_.avail_in = static_cast<uInt>(r);
      }
      uInt before = z_.avail_in;
      int rc = inflate(&z_, Z_NO_FLUSH);
      consumed_ += before - z_.avail_in;
      in_member_ = true;
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        inflateReset(&z_);
        // Trailing zero padding after the last member is tolerated, as gzip(1) does.
        while (z_.avail_in > 0 && *z_.next_in == 0) {
          ++z_.next_in;
          --z_.avail_in;
          ++consumed_;
        }
        continue;
      }
      if (rc == Z_BUF_ERROR) continue;  // needs more input
      if (rc != Z_OK) {
        return DataLoss("corrupt gzip stream at compressed byte " + std::to_string(consumed_) + ": " +
                        (z_.msg ? z_.msg : "inflate failed"));
      }
    }
    return cap - z_.avail_out;
  }

  uint64_t consumed() const { return consumed_; }

 private:
  std::unique_ptr<Input> in_;
  std::vector<char> buf_;
  z_stream z_;
  bool ok_ = false;
  bool done_ = false;
  bool in_member_ = false;
  uint64_t consumed_ = 0;
};

class PlainSource : public ByteSource {
 public:
  PlainSource(std::unique_ptr<Input> in, uint64_t total, std::string head)
      : in_(std::move(in)), total_(total), buf_(kInflatedChunk), head_(std::move(head)) {}
  Result<std::span<const char>> Next() override {
    size_t n = 0;
    if (!head_.empty()) {
      std::memcpy(buf_.data(), head_.data(), head_.size());
      n = head_.size();
      head_.clear();
    }
    while (n < buf_.size()) {
      ssize_t r = in_->Read(buf_.data() + n, buf_.size() - n);
      if (r < 0) return Unavailable(std::string("reading the file: ") + std::strerror(errno));
      if (r == 0) break;
      n += static_cast<size_t>(r);
    }
    read_ += n;
    return std::span<const char>(buf_.data(), n);
  }
  uint64_t source_bytes_read() const override { return read_; }
  uint64_t source_bytes_total() const override { return total_; }
  bool compressed() const override { return false; }

 private:
  std::unique_ptr<Input> in_;
  uint64_t total_;
  uint64_t read_ = 0;
  std::vector<char> buf_;
  std::string head_;
};

class SyncGzipSource : public ByteSource {
 public:
  SyncGzipSource(std::unique_ptr<Input> in, uint64_t total)
      : inflater_(std::move(in)), total_(total), buf_(kInflatedChunk) {}
  Result<std::span<const char>> Next() override {
    ASSIGN_OR_RETURN(size_t n, inflater_.Fill(buf_.data(), buf_.size()));
    return std::span<const char>(buf_.data(), n);
  }
  uint64_t source_bytes_read() const override { return inflater_.consumed(); }
  uint64_t source_bytes_total() const override { return total_; }
  bool compressed() const override { return true; }

 private:
  Inflater inflater_;
  uint64_t total_;
  std::vector<char> buf_;
};

// Inflates on a background thread into a ring of kRing chunks.
class ThreadedGzipSource : public ByteSource {
 public:
  ThreadedGzipSource(std::unique_ptr<Input> in, uint64_t total) : inflater_(std::move(in)), total_(total) {
    // Not zeroed: inflate writes every byte handed out (4 x 4 MiB of memset is most of a small
    // log's import).
    for (size_t i = 0; i < kRing; ++i) free_.push_back(std::make_unique_for_overwrite<char[]>(kInflatedChunk));
    worker_ = std::thread([this] { Run(); });
  }
  ~ThreadedGzipSource() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
  }

  Result<std::span<const char>> Next() override {
    std::unique_lock<std::mutex> lock(mu_);
    if (has_current_) {
      free_.push_back(std::move(current_));
      has_current_ = false;
      cv_.notify_all();
    }
    cv_.wait(lock, [this] { return !ready_.empty() || finished_; });
    if (ready_.empty()) {
      if (!error_.ok()) return error_;
      return std::span<const char>();
    }
    current_ = std::move(ready_.front().first);
    size_t n = ready_.front().second;
    ready_.pop_front();
    has_current_ = true;
    return std::span<const char>(current_.get(), n);
  }
  uint64_t source_bytes_read() const override { return consumed_.load(std::memory_order_relaxed); }
  uint64_t source_bytes_total() const override { return total_; }
  bool compressed() const override { return true; }

 private:
  void Run() {
    size_t fill = kFirstFill;
    for (;;) {
      Buffer buf;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return !free_.empty() || stop_; });
        if (stop_) return;
        buf = std::move(free_.back());
        free_.pop_back();
      }
      Result<size_t> n = inflater_.Fill(buf.get(), fill);
      fill = std::min(fill * 2, kInflatedChunk);
      consumed_.store(inflater_.consumed(), std::memory_order_relaxed);
      std::lock_guard<std::mutex> lock(mu_);
      if (!n.ok()) {
        error_ = n.status();
        finished_ = true;
        cv_.notify_all();
        return;
      }
      if (*n == 0) {
        finished_ = true;
        cv_.notify_all();
        return;
      }
      ready_.emplace_back(std::move(buf), *n);
      cv_.notify_all();
    }
  }

  Inflater inflater_;  // used only by the worker thread
  uint64_t total_;
  std::atomic<uint64_t> consumed_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  using Buffer = std::unique_ptr<char[]>;  // kInflatedChunk bytes
  std::deque<std::pair<Buffer, size_t>> ready_;  // guarded by mu_
  std::vector<Buffer> free_;                     // guarded by mu_
  bool finished_ = false;                                   // guarded by mu_
  bool stop_ = false;                                       // guarded by mu_
  Status error_;                                            // guarded by mu_
  Buffer current_;  // consumer-owned
  bool has_current_ = false;
  std::thread worker_;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> ByteSource::OpenFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NotFound("cannot open " + path + ": " + std::strerror(errno));
  struct stat st;
  uint64_t total = 0;
  if (::fstat(fd, &st) == 0) total = static_cast<uint64_t>(st.st_size);
  auto input = std::make_unique<FdInput>(fd);
  char head[2];
  ssize_t n = input->Read(head, 2);
  if (n < 0) return Unavailable("cannot read " + path + ": " + std::strerror(errno));
  std::string head_bytes(head, static_cast<size_t>(n));
  if (IsGzip(head_bytes)) {
    if (::lseek(fd, 0, SEEK_SET) != 0) return Unavailable("cannot seek in " + path);
    return std::unique_ptr<ByteSource>(new ThreadedGzipSource(std::move(input), total));
  }
  return std::unique_ptr<ByteSource>(new PlainSource(std::move(input), total, std::move(head_bytes)));
}

// Plain bytes already in memory: handed out in one chunk, never copied.
class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string_view data) : data_(data) {}
  Result<std::span<const char>> Next() override {
    std::span<const char> out(data_.data(), done_ ? 0 : data_.size());
    done_ = true;
    return out;
  }
  uint64_t source_bytes_read() const override { return done_ ? data_.size() : 0; }
  uint64_t source_bytes_total() const override { return data_.size(); }
  bool compressed() const override { return false; }

 private:
  std::string_view data_;
  bool done_ = false;
};

std::unique_ptr<ByteSource> ByteSource::FromMemory(std::string_view data) {
  if (IsGzip(data)) return std::make_unique<SyncGzipSource>(std::make_unique<MemoryInput>(data), data.size());
  return std::make_unique<MemorySource>(data);
}

Result<std::string> ReadAll(ByteSource& source) {
  std::string out;
  for (;;) {
    ASSIGN_OR_RETURN(std::span<const char> chunk, source.Next());
    if (chunk.empty()) return out;
    out.append(chunk.data(), chunk.size());
  }
}

}  // namespace ordo::mining
