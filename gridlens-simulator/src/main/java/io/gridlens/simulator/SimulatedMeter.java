package io.gridlens.simulator;

/** One meter as simulated: its ground truth and the readings it delivers. */
record SimulatedMeter(MeterTruth truth, MeterDeliveries deliveries) {}
