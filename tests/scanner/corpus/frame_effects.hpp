#pragma once

#include "camera.hpp"
#include "mikhak/scanner/grey_frame.hpp"
#include "random.hpp"

namespace mikhak::scanner::test {

// What light, lens and sensor do to a frame, in place. Values are clamped to 0..255.

// Defocus or motion: a Gaussian of the given standard deviation in pixels (separable).
void gaussianBlur(GreyFrame& frame, double sigma);

// Sensor noise: each pixel plus a normal deviate of the given standard deviation.
void addNoise(GreyFrame& frame, double sigma, Random& random);

// Exposure: 0 becomes dark and 255 becomes light, linearly (dim light, grey paper, a faded print).
void setLevels(GreyFrame& frame, int dark, int light);

// Uneven light: brightness times a factor going linearly from left to right across the frame.
void addShading(GreyFrame& frame, double leftFactor, double rightFactor);

// A reflection off glossy paper or a phone's glass: strength * exp(-r^2 / 2 radius^2) added
// around the centre, saturating at white.
void addGlare(GreyFrame& frame, PointF centre, double radius, double strength);

// Light for dark: a phone showing the notice in dark mode.
void invert(GreyFrame& frame);

}  // namespace mikhak::scanner::test
