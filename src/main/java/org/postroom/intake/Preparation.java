package org.postroom.intake;

/**
 * What {@link Intake#prepare} made of a message: a {@link Intake.Delivery} written to every target and waiting for
 * its commit, or the reason there is none (a loop, a storage failure), as the door would hear it.
 */
public sealed interface Preparation permits Intake.Delivery, IntakeResult.Loop, IntakeResult.StorageFailure {}
