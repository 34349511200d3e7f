package io.gradientconnector.sandbox;
final class Placeholder {}
