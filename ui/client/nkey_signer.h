// A user NKey seed, kept for signing the server's nonce on every connect and reconnect.
#pragma once

#include <nats/nats.h>

#include <QByteArray>
#include <QString>

#include <expected>
#include <memory>

namespace nwb::ui {

class NkeySigner {
public:
    /// Checks `seed` (an "SU..." user seed) and derives its public key. Any thread.
    static std::expected<std::unique_ptr<NkeySigner>, QString> fromSeed(const QString& seed);
    ~NkeySigner();

    /// The user's public key, "U..." (56 characters).
    const QByteArray& publicKey() const { return public_key_; }

    /// A natsSignatureHandler; `closure` is the NkeySigner, which must outlive the connection.
    static natsStatus sign(char** custom_error, unsigned char** signature, int* signature_length,
                           const char* nonce, void* closure);

private:
    NkeySigner(QByteArray seed, QByteArray public_key);

    QByteArray seed_;  ///< the raw 32-byte Ed25519 seed; wiped on destruction
    QByteArray public_key_;
};

/// Encodes a raw 32-byte Ed25519 seed as an "SU..." user seed (for tests and key generation).
QByteArray encodeUserSeed(const QByteArray& raw_seed);

}  // namespace nwb::ui
