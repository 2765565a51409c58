#pragma once
// The view's gestures, one tool each (scatter_tool.h). Each tool's class lives in its own .cpp, where the
// gesture reads from top to bottom; the view only makes them and puts them in the order it offers a press:
//   pan               the middle button, or a left drag the click tool hands over: the grabbed point stays
//                     under the cursor;
//   lasso select      a left drag in lasso mode: a freehand outline, the visible points inside it;
//   rectangle select  a left drag in rectangle mode, or Shift or Alt + left drag in the others: a band;
//                     either shape meets the region as the modifiers at its press say (region_ops.h);
//   probe             a left press in probe mode, or on the probe's marker, drags the decoded point;
//   click select      any other left press: released within kClickSlop pixels it selects the point under the
//                     mouse (or clears the selection), moved further it becomes a pan.
// A new gesture is one more file and one more factory here.
#include "ui/explorer/scatter/scatter_tool.h"

#include <memory>

namespace latentlab::ui {

// How far, in pixels (Manhattan), a press may move and still be a click.
constexpr int kClickSlop = 4;

std::unique_ptr<ScatterTool> makeLassoSelectTool(ScatterCanvas& canvas);
std::unique_ptr<ScatterTool> makeRectSelectTool(ScatterCanvas& canvas);
std::unique_ptr<ScatterTool> makeProbeTool(ScatterCanvas& canvas);
std::unique_ptr<ScatterTool> makePanTool(ScatterCanvas& canvas);
// dragTool: where a press that moves past the slop goes (the pan).
std::unique_ptr<ScatterTool> makeClickSelectTool(ScatterCanvas& canvas, ScatterTool& dragTool);

} // namespace latentlab::ui
