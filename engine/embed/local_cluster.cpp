// Naming, growing and shrinking the set of embedded nodes; each node does its own starting.
#include "engine/embed/local_cluster.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <utility>

namespace nwb::embed {

LocalCluster::LocalCluster(core::ServerOptions node_template)
    : template_(std::move(node_template)) {}

LocalCluster::~LocalCluster() {
    std::lock_guard op(op_mutex_);
    std::vector<Member> members;
    {
        std::lock_guard lock(nodes_mutex_);
        members.swap(members_);
    }
    for (auto it = members.rbegin(); it != members.rend(); ++it) {
        it->node->stop();
        release(*it);
    }
}

std::shared_ptr<Node> LocalCluster::createNode() {
    std::shared_ptr<Node> node;
    {
        std::lock_guard lock(nodes_mutex_);
        const std::string name = "n" + std::to_string(++last_index_);
        core::ServerOptions options = template_;
        // One JetStream store per node, under the cluster's directory: <store_dir>/<name>.
        if (options.jetstream && !options.store_dir.empty())
            options.store_dir = (std::filesystem::path(options.store_dir) / name).string();
        node = std::make_shared<Node>(name, std::move(options));
    }
    const std::size_t id = node->addStateListener(
        [this](Node& n, NodeState state, const std::string& error) { forward(n, state, error); });
    std::lock_guard lock(nodes_mutex_);
    members_.push_back({node, id});
    return node;
}

void LocalCluster::release(Member& member) {
    // A caller may keep the node after the cluster is gone: it must not call back into us.
    member.node->removeStateListener(member.listener_id);
}

void LocalCluster::forward(Node& node, NodeState state, const std::string& error) {
    std::lock_guard lock(listener_mutex_);
    if (listener_) listener_(node, state, error);
}

bool LocalCluster::start(std::size_t count) {
    std::lock_guard op(op_mutex_);
    std::vector<Member> surplus;
    {
        std::lock_guard lock(nodes_mutex_);
        while (members_.size() > count) {
            surplus.push_back(std::move(members_.back()));
            members_.pop_back();
        }
    }
    for (Member& member : surplus) {
        member.node->stop();
        release(member);
    }
    while (size() < count) createNode();
    bool all_running = true;
    for (const std::shared_ptr<Node>& node : nodes()) all_running = node->start() && all_running;
    return all_running;
}

void LocalCluster::stopAll() {
    std::lock_guard op(op_mutex_);
    const std::vector<std::shared_ptr<Node>> all = nodes();
    for (auto it = all.rbegin(); it != all.rend(); ++it) (*it)->stop();
}

std::shared_ptr<Node> LocalCluster::addNode() {
    std::lock_guard op(op_mutex_);
    std::shared_ptr<Node> node = createNode();
    node->start();
    return node;
}

bool LocalCluster::removeNode(const std::string& name) {
    std::lock_guard op(op_mutex_);
    Member member;
    {
        std::lock_guard lock(nodes_mutex_);
        const auto it = std::find_if(members_.begin(), members_.end(),
                                     [&](const Member& m) { return m.node->name() == name; });
        if (it == members_.end()) return false;
        member = std::move(*it);
        members_.erase(it);
    }
    member.node->stop();
    release(member);
    return true;
}

std::shared_ptr<Node> LocalCluster::node(std::size_t index) const {
    std::lock_guard lock(nodes_mutex_);
    if (index >= members_.size()) {
        throw std::out_of_range("LocalCluster::node: no node at index " + std::to_string(index));
    }
    return members_[index].node;
}

std::shared_ptr<Node> LocalCluster::find(const std::string& name) const {
    std::lock_guard lock(nodes_mutex_);
    for (const Member& m : members_) {
        if (m.node->name() == name) return m.node;
    }
    return nullptr;
}

std::vector<std::shared_ptr<Node>> LocalCluster::nodes() const {
    std::lock_guard lock(nodes_mutex_);
    std::vector<std::shared_ptr<Node>> out;
    out.reserve(members_.size());
    for (const Member& m : members_) out.push_back(m.node);
    return out;
}

std::size_t LocalCluster::size() const {
    std::lock_guard lock(nodes_mutex_);
    return members_.size();
}

core::ServerOptions LocalCluster::nodeTemplate() const {
    std::lock_guard lock(nodes_mutex_);
    return template_;
}

void LocalCluster::setNodeTemplate(core::ServerOptions node_template) {
    std::lock_guard lock(nodes_mutex_);
    template_ = std::move(node_template);
}

void LocalCluster::setStateListener(StateListener listener) {
    std::lock_guard lock(listener_mutex_);
    listener_ = std::move(listener);
}

}  // namespace nwb::embed
