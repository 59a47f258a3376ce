// NKey seeds (base32, two-byte prefix, CRC-16); key and nonce signature from OpenSSL's Ed25519,
// since libnats 3.4.1's nats_Sign answered "invalid seed" for valid seeds.
#include "ui/client/nkey_signer.h"

#include <nats/nats.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <QCoreApplication>

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace nwb::ui {
namespace {

constexpr std::uint8_t kPrefixSeed = 18 << 3;  // 'S'
constexpr std::uint8_t kPrefixUser = 20 << 3;  // 'U'
constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::uint16_t crc16(const QByteArray& data) {  // CRC-16/XMODEM
    std::uint16_t crc = 0;
    for (char c : data) {
        crc ^= static_cast<std::uint16_t>(static_cast<std::uint8_t>(c)) << 8;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 0x8000) ? static_cast<std::uint16_t>((crc << 1) ^ 0x1021)
                                 : static_cast<std::uint16_t>(crc << 1);
    }
    return crc;
}

QByteArray base32Encode(const QByteArray& data) {
    QByteArray out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : data) {
        buffer = (buffer << 8) | static_cast<std::uint8_t>(c);
        bits += 8;
        while (bits >= 5) {
            out.append(kBase32Alphabet[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0) out.append(kBase32Alphabet[(buffer << (5 - bits)) & 31]);
    return out;
}

std::expected<QByteArray, QString> base32Decode(const QByteArray& text) {
    QByteArray out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        const char* pos = std::strchr(kBase32Alphabet, c);
        if (c == '\0' || pos == nullptr)
            return std::unexpected(
                QCoreApplication::translate("nwb::ui::NkeySigner", "invalid NKey seed"));
        buffer = (buffer << 5) | static_cast<std::uint32_t>(pos - kBase32Alphabet);
        bits += 5;
        if (bits >= 8) {
            out.append(static_cast<char>((buffer >> (bits - 8)) & 0xff));
            bits -= 8;
        }
    }
    return out;
}

QByteArray withCrc(QByteArray raw) {
    const std::uint16_t crc = crc16(raw);
    raw.append(static_cast<char>(crc & 0xff));
    raw.append(static_cast<char>(crc >> 8));
    return raw;
}

}  // namespace

std::expected<std::unique_ptr<NkeySigner>, QString> NkeySigner::fromSeed(const QString& seed) {
    const QByteArray text = seed.trimmed().toLatin1();
    auto raw = base32Decode(text);
    if (!raw) return std::unexpected(raw.error());
    if (raw->size() != 36)
        return std::unexpected(
            QCoreApplication::translate("nwb::ui::NkeySigner", "invalid NKey seed"));
    const QByteArray body = raw->left(34);
    const auto crc = static_cast<std::uint16_t>(static_cast<std::uint8_t>(raw->at(34)) |
                                                (static_cast<std::uint8_t>(raw->at(35)) << 8));
    if (crc16(body) != crc)
        return std::unexpected(QCoreApplication::translate("nwb::ui::NkeySigner",
                                                           "invalid NKey seed: checksum mismatch"));
    const auto b0 = static_cast<std::uint8_t>(body[0]);
    const auto b1 = static_cast<std::uint8_t>(body[1]);
    const std::uint8_t kind = static_cast<std::uint8_t>(((b0 & 7) << 5) | ((b1 & 0xf8) >> 3));
    if ((b0 & 0xf8) != kPrefixSeed)
        return std::unexpected(
            QCoreApplication::translate("nwb::ui::NkeySigner", "not an NKey seed"));
    if (kind != kPrefixUser)
        return std::unexpected(
            QCoreApplication::translate("nwb::ui::NkeySigner", "not a user NKey seed"));

    QByteArray raw_seed = body.mid(2, 32);
    const auto* key_bytes = reinterpret_cast<const unsigned char*>(raw_seed.constData());
    EVP_PKEY* key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, key_bytes, 32);
    if (key == nullptr)
        return std::unexpected(
            QCoreApplication::translate("nwb::ui::NkeySigner", "invalid NKey seed"));
    unsigned char pub[32];
    size_t pub_len = sizeof pub;
    const bool ok = EVP_PKEY_get_raw_public_key(key, pub, &pub_len) == 1 && pub_len == 32;
    EVP_PKEY_free(key);
    if (!ok)
        return std::unexpected(
            QCoreApplication::translate("nwb::ui::NkeySigner", "invalid NKey seed"));

    QByteArray public_raw(1, static_cast<char>(kPrefixUser));
    public_raw.append(reinterpret_cast<const char*>(pub), 32);
    return std::unique_ptr<NkeySigner>(
        new NkeySigner(std::move(raw_seed), base32Encode(withCrc(public_raw))));
}

NkeySigner::NkeySigner(QByteArray seed, QByteArray public_key)
    : seed_(std::move(seed)), public_key_(std::move(public_key)) {}

NkeySigner::~NkeySigner() { OPENSSL_cleanse(seed_.data(), static_cast<size_t>(seed_.size())); }

natsStatus NkeySigner::sign(char** custom_error, unsigned char** signature, int* signature_length,
                            const char* nonce, void* closure) {
    const auto* self = static_cast<const NkeySigner*>(closure);
    const auto* key_bytes = reinterpret_cast<const unsigned char*>(self->seed_.constData());
    EVP_PKEY* key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, key_bytes, 32);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    // libnats frees the signature with free().
    auto* out = static_cast<unsigned char*>(std::malloc(64));
    size_t out_len = 64;
    const bool ok =
        key != nullptr && ctx != nullptr && out != nullptr &&
        EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, key) == 1 &&
        EVP_DigestSign(ctx, out, &out_len, reinterpret_cast<const unsigned char*>(nonce),
                       std::strlen(nonce)) == 1;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(key);
    if (!ok) {
        std::free(out);
        if (custom_error != nullptr) *custom_error = strdup("NKey signing failed");
        return NATS_ERR;
    }
    *signature = out;
    *signature_length = static_cast<int>(out_len);
    return NATS_OK;
}

QByteArray encodeUserSeed(const QByteArray& raw_seed) {
    QByteArray raw;
    raw.append(static_cast<char>(kPrefixSeed | (kPrefixUser >> 5)));
    raw.append(static_cast<char>((kPrefixUser & 31) << 3));
    raw.append(raw_seed);
    return base32Encode(withCrc(raw));
}

}  // namespace nwb::ui
