// BatchNormalization between versions 9 and 14.
//
// Up to 9 a node trains (normalizes with the batch's statistics) when it
// asks for any of its statistics outputs: mean and var (the updated running
// statistics) and saved_mean and saved_var (the batch's). From 14 the
// attribute training_mode says so, and the outputs are running_mean and
// running_var only.
//
// StatisticsOutputsToTrainingMode(): the upgrade sets training_mode=1 for a
// training node; saved_mean and saved_var have no counterpart and refuse.
// TrainingModeToStatisticsOutputs(): the downgrade keeps running_mean and
// running_var as mean and var, and for training_mode=1 without them asks
// for mean under a fresh name, so that the node still trains.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter StatisticsOutputsToTrainingMode();
Adapter TrainingModeToStatisticsOutputs();

}  // namespace onnxforge::version_converter
