// Shared by the live JetStream panel tests: the options of an embedded node with JetStream.
#pragma once

#include "engine/embed/node.h"

#include <QString>

namespace nwb::test {

/// An embedded node's default options with JetStream on, storing under `store_dir`.
inline core::ServerOptions withJetStream(const QString& store_dir) {
    core::ServerOptions options = embed::Node::defaultOptions();
    options.jetstream = true;
    options.store_dir = store_dir.toStdString();
    return options;
}

}  // namespace nwb::test
