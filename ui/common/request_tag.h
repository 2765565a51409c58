#pragma once
// The one way ui/ recognises a stale answer. Every request to a worker takes a tag from its kind's counter and
// the answer carries the tag back; the controller that sent it asks the counter before it passes the answer
// on, so a late result of a replaced request (a folder dropped before the last one, a layout for an older
// model, a grid asked for before the newest) never reaches the screen. Two questions, one counter:
//   isCurrent: only the newest request counts (a load, a layout, a grid);
//   isFresh:   every answer since the last invalidate() counts (probes along a drag: each one is worth
//              showing while the mouse moves, but not those decoded with the model before the current one).
// GUI thread only.
#include <QtGlobal>

namespace latentlab::ui {

using RequestTag = quint64;

class RequestTags {
public:
    // A new request: every earlier one of this kind is stale from now on.
    RequestTag next() { return ++latest_; }
    // Drops every answer in flight (the data they were for is gone) without asking anything new.
    void invalidate() { freshFrom_ = ++latest_ + 1; }
    bool isCurrent(RequestTag tag) const { return tag == latest_; }
    bool isFresh(RequestTag tag) const { return tag >= freshFrom_ && tag <= latest_; }
    RequestTag latest() const { return latest_; }

private:
    RequestTag latest_ = 0;
    RequestTag freshFrom_ = 1;
};

} // namespace latentlab::ui
