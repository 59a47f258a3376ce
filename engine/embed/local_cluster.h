// A set of embedded nodes named n1..nN, started, stopped, grown and shrunk together.
// Until clustering (routes) lands the nodes are independent servers: clustered() says so.
#pragma once

#include "engine/core/server_options.h"
#include "engine/embed/node.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace nwb::embed {

class LocalCluster {
public:
    /// Told of every state change of every node of this cluster, with the same threading as
    /// Node::StateListener (the thread that changed the state; no calls back into that node's
    /// blocking operations or into this cluster's).
    using StateListener =
        std::function<void(Node& node, NodeState state, const std::string& error)>;

    /// `node_template` is applied to every node this cluster creates (auth, limits, host...);
    /// each node gets its own name and its own free ports, and with JetStream and a store_dir,
    /// its own store in <store_dir>/<name>. Any thread.
    explicit LocalCluster(core::ServerOptions node_template = Node::defaultOptions());
    /// Stops every node gracefully. Blocks.
    ~LocalCluster();
    LocalCluster(const LocalCluster&) = delete;
    LocalCluster& operator=(const LocalCluster&) = delete;

    /// Makes the cluster `count` nodes and starts every one that is not running: adds nodes
    /// after the last (n1..nN on a fresh cluster) or stops and removes the last ones. Returns
    /// true when all are Running. Any thread; blocks until every node started or failed.
    bool start(std::size_t count);
    /// Stops every running node gracefully, last first. Keeps the nodes (and their ports).
    /// Any thread; blocks.
    void stopAll();

    /// Creates the next node (n<highest + 1>) and starts it; check its state() for failure.
    /// Any thread; blocks until it started or failed.
    std::shared_ptr<Node> addNode();
    /// Stops the node of that name gracefully and removes it. False if there is none.
    /// Any thread; blocks.
    bool removeNode(const std::string& name);

    /// The node at `index` (0-based, creation order). Throws std::out_of_range. Any thread.
    std::shared_ptr<Node> node(std::size_t index) const;
    /// The node of that name, or null. Any thread.
    std::shared_ptr<Node> find(const std::string& name) const;
    /// Every node, in creation order. Any thread.
    std::vector<std::shared_ptr<Node>> nodes() const;
    /// Any thread.
    std::size_t size() const;

    /// Whether the nodes form one NATS cluster (routes between them). Always false for now:
    /// each node is an independent server, and a message published on one is not seen on
    /// another. Any thread.
    bool clustered() const { return false; }

    /// The options new nodes are created with. Any thread.
    core::ServerOptions nodeTemplate() const;
    /// Applies to nodes created afterwards; existing nodes keep theirs. Any thread.
    void setNodeTemplate(core::ServerOptions node_template);

    /// Replaces the cluster-wide listener (empty: none). Any thread but a listener's; blocks
    /// while a notification is in progress.
    void setStateListener(StateListener listener);

private:
    struct Member {
        std::shared_ptr<Node> node;
        std::size_t listener_id = 0;
    };

    std::shared_ptr<Node> createNode();
    void release(Member& member);
    void forward(Node& node, NodeState state, const std::string& error);

    std::mutex op_mutex_;             ///< serialises start/stopAll/addNode/removeNode
    mutable std::mutex nodes_mutex_;  ///< guards the fields below; never held across node calls
    core::ServerOptions template_;
    std::vector<Member> members_;
    std::size_t last_index_ = 0;  ///< highest n<index> handed out

    std::mutex listener_mutex_;  ///< held while the cluster listener runs
    StateListener listener_;
};

}  // namespace nwb::embed
