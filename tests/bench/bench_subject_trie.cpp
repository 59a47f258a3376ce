// SubjectTrie matches/s for literal and wildcard subscriptions, straight from the trie and
// through a per-subject result cache in front of it (as ClientConnection keeps one).
#include "engine/core/subject_trie.h"
#include "tests/bench/micro_timer.h"

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

using nwb::core::MatchResultPtr;
using nwb::core::SubjectTrie;
using nwb::core::Subscription;
using nwb::core::SubscriptionPtr;

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using MatchCache = std::unordered_map<std::string, MatchResultPtr, StringHash, std::equal_to<>>;

SubscriptionPtr makeSub(const std::string& subject, const std::string& queue, int sid) {
    auto s = std::make_shared<Subscription>();
    s->subject = subject;
    s->queue = queue;
    s->sid = std::to_string(sid);
    s->sid_field = " " + s->sid + " ";
    return s;
}

struct Setup {
    const char* name;
    std::vector<std::string> subscriptions;
    std::vector<std::string> queues;  ///< same length, "" for plain
    std::vector<std::string> published;
};

std::vector<Setup> setups() {
    std::vector<Setup> out;
    {
        Setup s{"literal 1 sub", {"bench.subject"}, {""}, {"bench.subject"}};
        out.push_back(s);
    }
    {
        Setup s{"literal 1k subs", {}, {}, {}};
        for (int i = 0; i < 1000; ++i) {
            s.subscriptions.push_back("orders.eu.shop" + std::to_string(i));
            s.queues.emplace_back();
            s.published.push_back("orders.eu.shop" + std::to_string(i));
        }
        out.push_back(s);
    }
    {
        // Each publish matches a literal, a `*` and a `>` subscription among 1k others.
        Setup s{"wildcard mix 1k", {}, {}, {}};
        for (int i = 0; i < 1000; ++i) {
            s.subscriptions.push_back("orders.eu.shop" + std::to_string(i));
            s.queues.emplace_back();
        }
        for (int i = 0; i < 100; ++i) {
            s.subscriptions.push_back("orders.*.shop" + std::to_string(i));
            s.queues.emplace_back();
        }
        s.subscriptions.push_back("orders.>");
        s.queues.emplace_back();
        for (int i = 0; i < 100; ++i) s.published.push_back("orders.eu.shop" + std::to_string(i));
        out.push_back(s);
    }
    {
        Setup s{"queue group of 4", {}, {}, {"work.items"}};
        for (int i = 0; i < 4; ++i) {
            s.subscriptions.push_back("work.items");
            s.queues.push_back("workers");
        }
        out.push_back(s);
    }
    return out;
}

}  // namespace

int main() {
    std::printf("# SubjectTrie::match, one thread (uncontended shared lock)\n");
    std::printf("%-18s %10s %16s %16s\n", "setup", "subjects", "trie matches/s",
                "cached matches/s");
    for (const auto& setup : setups()) {
        SubjectTrie trie;
        for (std::size_t i = 0; i < setup.subscriptions.size(); ++i) {
            trie.insert(makeSub(setup.subscriptions[i], setup.queues[i], static_cast<int>(i)));
        }
        // A batch walks the published subjects in order, as a run of PUBs would.
        const std::vector<std::string>& subjects = setup.published;
        std::size_t found = 0;
        const double direct = nwb::microbench::opsPerSecond(subjects.size() * 64, [&] {
            for (int r = 0; r < 64; ++r) {
                for (const auto& subject : subjects) found += trie.match(subject)->plain.size();
            }
        });
        MatchCache cache;
        std::uint64_t generation = trie.generation();
        const double cached = nwb::microbench::opsPerSecond(subjects.size() * 64, [&] {
            for (int r = 0; r < 64; ++r) {
                for (const auto& subject : subjects) {
                    if (trie.generation() != generation) {
                        cache.clear();
                        generation = trie.generation();
                    }
                    auto it = cache.find(std::string_view(subject));
                    if (it == cache.end()) it = cache.emplace(subject, trie.match(subject)).first;
                    found += it->second->plain.size() + it->second->queues.size();
                }
            }
        });
        nwb::microbench::keep(found);
        std::printf("%-18s %10zu %16.0f %16.0f\n", setup.name, subjects.size(), direct, cached);
    }
    return 0;
}
