#pragma once

#include <cstdint>

#include "mikhak/scanner/grey_frame.hpp"

namespace mikhak::scanner::test {

struct PointF {
  double x = 0;
  double y = 0;
};

// How a camera above the kiosk's window sees a flat sheet (a printed notice, a phone's screen):
// which sheet point it looks at, how large the sheet appears there, how the sheet is turned in
// the frame and how far it leans away from the lens.
struct CameraPose {
  PointF look;                   // the sheet point (pixels) seen at the frame's centre plus shift
  double scale = 1;              // frame pixels per sheet pixel at that point
  double rollDegrees = 0;        // turn in the frame, clockwise
  double tiltDegrees = 0;        // the sheet leaning away from the lens; 0 faces it squarely
  double tiltAxisDegrees = 0;    // direction, in the sheet, of the axis it leans about
  PointF shift;                  // where look lands, from the frame's centre
  std::uint8_t background = 70;  // what the camera sees beyond the sheet (a table, a hand)
};

// The frame a camera of width x height takes of the sheet. Each frame pixel samples the sheet
// through the pose's homography (a pinhole with a field of view of about 60 degrees), from a
// box-filtered copy when the sheet is seen smaller, as a sensor pixel averages what it covers.
GreyFrame photograph(const GreyFrame& sheet, const CameraPose& pose, int width, int height);

// Where a sheet point lands in such a frame: for ground truth (is the code wholly in view?).
PointF project(const CameraPose& pose, int width, int height, PointF sheetPoint);

}  // namespace mikhak::scanner::test
