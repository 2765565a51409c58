#pragma once
// Shared by the scatter suites (test_scatter_view.cpp: what the view shows; test_scatter_tools.cpp: the
// gestures): five points far apart, mouse events as a user sends them, and pixel checks.
#include "ui/explorer/scatter/scatter_view.h"

#include <QSignalSpy>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>

namespace latentlab::ui::scatter_test {

// Five points far apart (about 80 px on a 500 x 400 widget): classes 0, 1, 2, 0, 1.
inline const std::vector<float> kXy {0, 0, 10, 0, 0, 10, 10, 10, 5, 5};
inline const std::vector<int> kClasses {0, 1, 2, 0, 1};

inline QPointF pointOf(int i)
{
    return {kXy[2 * i], kXy[2 * i + 1]};
}

inline void mouse(QWidget& w, QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons,
           Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QMouseEvent event(type, pos, w.mapToGlobal(pos), button, buttons, modifiers);
    QCoreApplication::sendEvent(&w, &event);
}

inline void press(QWidget& w, QPointF pos, Qt::MouseButton button = Qt::LeftButton,
           Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    mouse(w, QEvent::MouseButtonPress, pos, button, button, modifiers);
}

inline void moveTo(QWidget& w, QPointF pos, Qt::MouseButtons buttons = Qt::LeftButton,
            Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    mouse(w, QEvent::MouseMove, pos, Qt::NoButton, buttons, modifiers);
}

inline void release(QWidget& w, QPointF pos, Qt::MouseButton button = Qt::LeftButton,
             Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    mouse(w, QEvent::MouseButtonRelease, pos, button, Qt::NoButton, modifiers);
}

inline void click(QWidget& w, QPointF pos)
{
    press(w, pos);
    release(w, pos);
}

inline void wheel(QWidget& w, QPointF pos, int angle)
{
    QWheelEvent event(pos, w.mapToGlobal(pos), QPoint(), QPoint(0, angle), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(&w, &event);
}

inline bool near(QPointF a, QPointF b, double tolerance = 1e-6)
{
    return std::abs(a.x() - b.x()) <= tolerance && std::abs(a.y() - b.y()) <= tolerance;
}

// A pixel where a single point of this colour, at kPointAlpha, lies over the white background.
inline QRgb overWhite(const QColor& c)
{
    const QRgb p = qPremultiply(c.rgba());
    const int rest = 255 - qAlpha(p);
    return qRgb(qRed(p) + rest, qGreen(p) + rest, qBlue(p) + rest);
}

inline bool sameColor(QRgb a, QRgb b, int tolerance = 2)
{
    return std::abs(qRed(a) - qRed(b)) <= tolerance && std::abs(qGreen(a) - qGreen(b)) <= tolerance
        && std::abs(qBlue(a) - qBlue(b)) <= tolerance;
}

inline int countColor(const QImage& image, QRgb color)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            n += sameColor(image.pixel(x, y), color);
    return n;
}

// How close the image comes to a colour: the smallest largest-channel difference over its pixels.
inline int closestTo(const QImage& image, QRgb color)
{
    int best = 255;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb p = image.pixel(x, y);
            best = std::min(best, std::max({std::abs(qRed(p) - qRed(color)), std::abs(qGreen(p) - qGreen(color)),
                                            std::abs(qBlue(p) - qBlue(color))}));
        }
    return best;
}

inline QRgb pixelAt(const QImage& image, QPointF widgetPos)
{
    return image.pixel(int(widgetPos.x()), int(widgetPos.y()));
}

inline std::vector<float> randomPoints(int n, std::mt19937& rng)
{
    std::normal_distribution<float> gauss(0.0f, 1.0f);
    std::uniform_real_distribution<float> uniform(-5.0f, 5.0f);
    std::vector<float> xy;
    for (int i = 0; i < n; ++i) {
        // Half clustered, half spread, and a few that can never be found.
        const bool cluster = i % 2 == 0;
        xy.push_back(i % 97 == 0 ? NAN : cluster ? gauss(rng) * 0.3f + 2.0f : uniform(rng));
        xy.push_back(cluster ? gauss(rng) * 3.0f : uniform(rng) * 10.0f);
    }
    return xy;
}


// Holds the view a test works on, shown at 500 x 400 with the five points.
class ScatterSuite : public QObject {
protected:
    std::unique_ptr<ScatterView> view_;

    ScatterView& shown()
    {
        view_ = std::make_unique<ScatterView>();
        view_->resize(500, 400);
        view_->setPoints(kXy, kClasses);
        view_->show();
        if (!QTest::qWaitForWindowExposed(view_.get()))
            qFatal("the view was never exposed");
        return *view_;
    }
};

} // namespace latentlab::ui::scatter_test
