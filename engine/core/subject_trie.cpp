// The subject trie of one account (nats-server sublist.go semantics, without its shared cache).
#include "engine/core/subject_trie.h"

#include <algorithm>
#include <mutex>

#include "engine/protocol/subject.h"

namespace nwb::core {

struct SubjectTrie::Node {
    std::unique_ptr<Level> next;
    std::vector<SubscriptionPtr> plain;
    std::unordered_map<std::string, std::vector<SubscriptionPtr>> queues;
    bool empty() const;
};

struct SubjectTrie::Level {
    std::unordered_map<std::string, std::unique_ptr<Node>> literals;
    std::unique_ptr<Node> star;  ///< `*`
    std::unique_ptr<Node> full;  ///< `>`
    bool empty() const { return literals.empty() && !star && !full; }
};

bool SubjectTrie::Node::empty() const {
    return plain.empty() && queues.empty() && (!next || next->empty());
}

namespace {

template <typename Fn>
void forEachToken(std::string_view s, Fn&& fn) {
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = s.find('.', start);
        if (dot == std::string_view::npos) {
            fn(s.substr(start), true);
            return;
        }
        fn(s.substr(start, dot - start), false);
        start = dot + 1;
    }
}

}  // namespace

SubjectTrie::SubjectTrie() : root_(std::make_unique<Level>()) {}
SubjectTrie::~SubjectTrie() = default;

bool SubjectTrie::insert(const SubscriptionPtr& sub) {
    if (!protocol::isValidSubject(sub->subject)) return false;
    std::unique_lock lock(mutex_);
    Level* level = root_.get();
    Node* node = nullptr;
    forEachToken(sub->subject, [&](std::string_view token, bool last) {
        std::unique_ptr<Node>* slot;
        if (token == "*") {
            slot = &level->star;
        } else if (token == ">") {
            slot = &level->full;
        } else {
            auto it = level->literals.find(std::string(token));
            if (it == level->literals.end()) {
                it = level->literals.emplace(std::string(token), nullptr).first;
            }
            slot = &it->second;
        }
        if (!*slot) *slot = std::make_unique<Node>();
        node = slot->get();
        if (!last) {
            if (!node->next) node->next = std::make_unique<Level>();
            level = node->next.get();
        }
    });
    if (sub->queue.empty()) {
        node->plain.push_back(sub);
    } else {
        node->queues[sub->queue].push_back(sub);
    }
    ++count_;
    ++inserts_;
    generation_.fetch_add(1, std::memory_order_acq_rel);
    lock.unlock();
    if (has_watchers_.load(std::memory_order_acquire)) notifyWatchers(sub->subject, sub->queue);
    return true;
}

bool SubjectTrie::remove(const SubscriptionPtr& sub) {
    std::unique_lock lock(mutex_);
    // Walk down remembering the path so empty nodes can be pruned on the way back.
    struct Step {
        Level* level;
        std::string_view token;
    };
    std::vector<Step> path;
    Level* level = root_.get();
    Node* node = nullptr;
    bool found = true;
    forEachToken(sub->subject, [&](std::string_view token, bool last) {
        if (!found) return;
        std::unique_ptr<Node>* slot = nullptr;
        if (token == "*") {
            slot = &level->star;
        } else if (token == ">") {
            slot = &level->full;
        } else if (auto it = level->literals.find(std::string(token)); it != level->literals.end()) {
            slot = &it->second;
        }
        if (slot == nullptr || !*slot) {
            found = false;
            return;
        }
        path.push_back({level, token});
        node = slot->get();
        if (!last) {
            if (!node->next) {
                found = false;
                return;
            }
            level = node->next.get();
        }
    });
    if (!found || node == nullptr) return false;

    bool removed = false;
    if (sub->queue.empty()) {
        auto it = std::find(node->plain.begin(), node->plain.end(), sub);
        if (it != node->plain.end()) {
            node->plain.erase(it);
            removed = true;
        }
    } else if (auto q = node->queues.find(sub->queue); q != node->queues.end()) {
        auto it = std::find(q->second.begin(), q->second.end(), sub);
        if (it != q->second.end()) {
            q->second.erase(it);
            removed = true;
            if (q->second.empty()) node->queues.erase(q);
        }
    }
    if (!removed) return false;

    // Prune empty nodes bottom-up.
    for (auto step = path.rbegin(); step != path.rend(); ++step) {
        std::unique_ptr<Node>* slot;
        std::unordered_map<std::string, std::unique_ptr<Node>>::iterator lit;
        if (step->token == "*") {
            slot = &step->level->star;
        } else if (step->token == ">") {
            slot = &step->level->full;
        } else {
            lit = step->level->literals.find(std::string(step->token));
            slot = &lit->second;
        }
        Node* n = slot->get();
        if (n->next && n->next->empty()) n->next.reset();
        if (!n->empty()) break;
        if (step->token == "*" || step->token == ">") {
            slot->reset();
        } else {
            step->level->literals.erase(lit);
        }
    }
    --count_;
    ++removes_;
    generation_.fetch_add(1, std::memory_order_acq_rel);
    lock.unlock();
    if (has_watchers_.load(std::memory_order_acquire)) notifyWatchers(sub->subject, sub->queue);
    return true;
}

namespace {

void collect(const std::vector<SubscriptionPtr>& plain,
             const std::unordered_map<std::string, std::vector<SubscriptionPtr>>& queues,
             MatchResult& out, std::unordered_map<std::string_view, std::size_t>& queue_index) {
    out.plain.insert(out.plain.end(), plain.begin(), plain.end());
    for (const auto& [name, members] : queues) {
        auto [it, fresh] = queue_index.emplace(name, out.queues.size());
        if (fresh) {
            out.queues.push_back(members);
        } else {
            auto& group = out.queues[it->second];
            group.insert(group.end(), members.begin(), members.end());
        }
    }
}

}  // namespace

MatchResultPtr SubjectTrie::match(std::string_view subject) const {
    auto result = std::make_shared<MatchResult>();
    // Tokens of the published subject; a publish subject is at most a few tokens deep.
    std::vector<std::string_view> tokens;
    tokens.reserve(8);
    bool bad = false;
    forEachToken(subject, [&](std::string_view token, bool) {
        if (token.empty()) bad = true;
        tokens.push_back(token);
    });
    if (bad) return result;

    std::unordered_map<std::string_view, std::size_t> queue_index;
    std::shared_lock lock(mutex_);
    // Depth-first over the levels that can match; `>` matches one or more remaining tokens.
    struct Frame {
        const Level* level;
        std::size_t depth;
    };
    std::vector<Frame> stack;
    stack.push_back({root_.get(), 0});
    std::string key;
    while (!stack.empty()) {
        const Frame f = stack.back();
        stack.pop_back();
        const std::string_view token = tokens[f.depth];
        const bool last = f.depth + 1 == tokens.size();
        if (f.level->full) collect(f.level->full->plain, f.level->full->queues, *result, queue_index);
        const auto visit = [&](const Node* node) {
            if (last) {
                collect(node->plain, node->queues, *result, queue_index);
            } else if (node->next) {
                stack.push_back({node->next.get(), f.depth + 1});
            }
        };
        if (f.level->star) visit(f.level->star.get());
        // A wildcard token in a published subject matches only wildcard subscriptions.
        if (token != "*" && token != ">") {
            key.assign(token);
            if (auto it = f.level->literals.find(key); it != f.level->literals.end()) {
                visit(it->second.get());
            }
        }
    }
    lock.unlock();
    const auto fanout = static_cast<std::uint32_t>(result->plain.size() + result->queues.size());
    matches_.fetch_add(1, std::memory_order_relaxed);
    total_fanout_.fetch_add(fanout, std::memory_order_relaxed);
    std::uint32_t max = max_fanout_.load(std::memory_order_relaxed);
    while (fanout > max && !max_fanout_.compare_exchange_weak(max, fanout,
                                                              std::memory_order_relaxed)) {
    }
    return result;
}

std::size_t SubjectTrie::count() const {
    std::shared_lock lock(mutex_);
    return count_;
}

SubjectTrie::Stats SubjectTrie::stats() const {
    Stats s;
    {
        std::shared_lock lock(mutex_);
        s.count = count_;
        s.inserts = inserts_;
        s.removes = removes_;
    }
    s.matches = matches_.load(std::memory_order_relaxed);
    s.total_fanout = total_fanout_.load(std::memory_order_relaxed);
    s.max_fanout = max_fanout_.load(std::memory_order_relaxed);
    return s;
}

std::uint64_t SubjectTrie::watch(std::string subject, std::string queue,
                                  std::function<void()> callback) {
    std::lock_guard lock(watch_mutex_);
    const std::uint64_t id = ++next_watch_;
    watches_[subject + ' ' + queue].push_back(
        Watch{id, std::make_shared<std::function<void()>>(std::move(callback))});
    has_watchers_.store(true, std::memory_order_release);
    return id;
}

void SubjectTrie::unwatch(std::uint64_t id) {
    std::lock_guard lock(watch_mutex_);
    for (auto it = watches_.begin(); it != watches_.end(); ++it) {
        if (std::erase_if(it->second, [&](const Watch& w) { return w.id == id; }) == 0) continue;
        if (it->second.empty()) watches_.erase(it);
        break;
    }
    has_watchers_.store(!watches_.empty(), std::memory_order_release);
}

void SubjectTrie::notifyWatchers(const std::string& subject, const std::string& queue) {
    std::vector<std::shared_ptr<std::function<void()>>> callbacks;
    {
        std::lock_guard lock(watch_mutex_);
        auto it = watches_.find(subject + ' ' + queue);
        if (it == watches_.end()) return;
        for (const auto& w : it->second) callbacks.push_back(w.callback);
    }
    for (const auto& cb : callbacks) (*cb)();
}

bool SubjectTrie::hasExactInterest(std::string_view subject, std::string_view queue) const {
    std::shared_lock lock(mutex_);
    const Level* level = root_.get();
    const Node* node = nullptr;
    bool found = true;
    std::string key;
    forEachToken(subject, [&](std::string_view token, bool last) {
        if (!found) return;
        key.assign(token);
        auto it = level->literals.find(key);
        if (it == level->literals.end() || !it->second) {
            found = false;
            return;
        }
        node = it->second.get();
        if (!last) {
            if (!node->next) {
                found = false;
                return;
            }
            level = node->next.get();
        }
    });
    if (!found || node == nullptr) return false;
    if (queue.empty()) return !node->plain.empty();
    return node->queues.contains(std::string(queue));
}

}  // namespace nwb::core
