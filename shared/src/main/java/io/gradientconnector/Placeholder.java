package io.gradientconnector;
final class Placeholder {}
