package org.mentoring.session.goal;

/** Status of a goal, as in GoalState of the event catalogue. */
public enum GoalStatus {
    open, achieved, dropped
}
