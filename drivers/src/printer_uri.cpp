#include "mikhak/drivers/printer_uri.hpp"

#include <cstdio>

namespace mikhak::drivers {
namespace {

Error uriError(std::string_view what, std::string_view text) {
  return Error{"printer URI: " + std::string(what) + " in " + std::string(text)};
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = lower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// 1-4 hex digits: lsusb prints four, people drop leading zeros.
std::optional<std::uint16_t> parseHexId(std::string_view digits) {
  if (digits.empty() || digits.size() > 4) return std::nullopt;
  unsigned value = 0;
  for (char c : digits) {
    const int v = hexValue(c);
    if (v < 0) return std::nullopt;
    value = value * 16 + static_cast<unsigned>(v);
  }
  return static_cast<std::uint16_t>(value);
}

Result<PrinterUri> parseUsb(std::string_view rest, std::string_view text) {
  PrinterUri uri;
  uri.scheme = PrinterUri::Scheme::Usb;
  if (equalsIgnoringCase(rest, "auto")) return uri;
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos) {
    return uriError("expected vendor:product in hex (usb://04b8:0202) or usb://auto", text);
  }
  const auto vendor = parseHexId(rest.substr(0, colon));
  if (!vendor) return uriError("vendor id must be 1-4 hex digits", text);
  const auto product = parseHexId(rest.substr(colon + 1));
  if (!product) return uriError("product id must be 1-4 hex digits", text);
  uri.vendorId = vendor;
  uri.productId = product;
  return uri;
}

bool isHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_';
}

// Inside the brackets of an IPv6 literal: hex digits, colons, dots (an embedded IPv4 address)
// and a zone after '%' (fe80::1%eth0).
bool isIpv6Literal(std::string_view host) {
  if (host.find(':') == std::string_view::npos) return false;
  const auto zone = host.find('%');
  const auto address = host.substr(0, zone);
  for (char c : address) {
    if (hexValue(c) < 0 && c != ':' && c != '.') return false;
  }
  if (zone != std::string_view::npos) {
    const auto name = host.substr(zone + 1);
    if (name.empty()) return false;
    for (char c : name) {
      if (!isHostChar(c)) return false;
    }
  }
  return true;
}

Result<PrinterUri> parseTcp(std::string_view rest, std::string_view text) {
  PrinterUri uri;
  uri.scheme = PrinterUri::Scheme::Tcp;
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);  // tcp://host:9100/ is common
  std::string_view host;
  std::string_view afterHost;
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return uriError("missing ']' after IPv6 host", text);
    host = rest.substr(1, close - 1);
    if (!isIpv6Literal(host)) return uriError("bad IPv6 address in brackets", text);
    afterHost = rest.substr(close + 1);
  } else {
    const auto colon = rest.find(':');
    host = rest.substr(0, colon);
    afterHost = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon);
    if (host.empty()) return uriError("missing host", text);
    for (char c : host) {
      if (!isHostChar(c)) {
        return uriError("host has a character '" + std::string(1, c) + "' not allowed", text);
      }
    }
  }
  uri.host = std::string(host);
  if (afterHost.empty()) return uri;
  if (afterHost.front() != ':') return uriError("unexpected text after host", text);
  const auto port = afterHost.substr(1);
  if (port.empty() || port.size() > 5) return uriError("port must be 1-65535", text);
  unsigned value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return uriError("port must be 1-65535", text);
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value < 1 || value > 65535) return uriError("port must be 1-65535", text);
  uri.port = static_cast<std::uint16_t>(value);
  return uri;
}

Result<PrinterUri> parsePath(PrinterUri::Scheme scheme, std::string_view rest,
                             std::string_view text) {
  PrinterUri uri;
  uri.scheme = scheme;
  if (rest.empty()) return uriError("missing path", text);
  // dev://dev/usb/lp0 would make "dev" a host; only dev:///dev/usb/lp0 is unambiguous.
  if (rest.front() != '/') {
    const auto name = scheme == PrinterUri::Scheme::Device ? "dev" : "dir";
    return uriError(std::string("path must be absolute (three slashes: ") + name + ":///...)",
                    text);
  }
  uri.path = std::filesystem::path(rest);
  return uri;
}

}  // namespace

std::string PrinterUri::text() const {
  switch (scheme) {
    case Scheme::Usb: {
      if (!vendorId || !productId) return "usb://auto";
      char ids[16];
      std::snprintf(ids, sizeof ids, "%04x:%04x", static_cast<unsigned>(*vendorId),
                    static_cast<unsigned>(*productId));
      return std::string("usb://") + ids;
    }
    case Scheme::Tcp: {
      const bool ipv6 = host.find(':') != std::string::npos;
      return "tcp://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
    }
    case Scheme::Device:
      return "dev://" + path.string();
    case Scheme::Directory:
      return "dir://" + path.string();
  }
  return {};
}

Result<PrinterUri> parsePrinterUri(std::string_view text) {
  if (text.empty()) return Error{"printer URI: empty (expected usb://, tcp://, dev:// or dir://)"};
  const auto separator = text.find("://");
  if (separator == std::string_view::npos) {
    return uriError("missing scheme (usb://, tcp://, dev:// or dir://)", text);
  }
  const auto scheme = text.substr(0, separator);
  const auto rest = text.substr(separator + 3);
  if (equalsIgnoringCase(scheme, "usb")) return parseUsb(rest, text);
  if (equalsIgnoringCase(scheme, "tcp")) return parseTcp(rest, text);
  if (equalsIgnoringCase(scheme, "dev")) return parsePath(PrinterUri::Scheme::Device, rest, text);
  if (equalsIgnoringCase(scheme, "dir")) {
    return parsePath(PrinterUri::Scheme::Directory, rest, text);
  }
  return uriError("unknown scheme \"" + std::string(scheme) + "\" (expected usb, tcp, dev or dir)",
                  text);
}

}  // namespace mikhak::drivers
