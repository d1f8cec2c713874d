package org.mentoring.feedback.report;

import java.util.List;

/** The CSV form of reports: one line per figure, with its group, basis and suppression. */
public final class ReportCsv {

    static final String HEADER = "figure,group,value,basis,suppressed,reason\r\n";

    private ReportCsv() {
    }

    public static String of(ProgramReport r) {
        StringBuilder out = new StringBuilder(HEADER);
        line(out, "participation.enrolled", "", r.participation().enrolled());
        line(out, "participation.matched", "", r.participation().matched());
        line(out, "participation.active", "", r.participation().active());
        line(out, "participation.completed", "", r.participation().completed());
        line(out, "medianDaysFromMatchToFirstSession", "", r.medianDaysFromMatchToFirstSession());
        line(out, "sessionsPerPairPerMonth", "", r.sessionsPerPairPerMonth());
        ratings(out, r.averageRatings(), "averageRatings");
        line(out, "netPromoterScore", "", r.netPromoterScore());
        line(out, "goalCompletionRate", "", r.goalCompletionRate());
        line(out, "participantsStillActiveAtEndPercent", "", r.participantsStillActiveAtEndPercent());
        breakdowns(out, "department", r.byDepartment());
        breakdowns(out, "level", r.byLevel());
        breakdowns(out, "location", r.byLocation());
        return out.toString();
    }

    public static String of(PersonalReport r) {
        StringBuilder out = new StringBuilder(HEADER);
        plain(out, "mentorshipsAsMentor", r.mentorshipsAsMentor());
        plain(out, "mentorshipsAsMentee", r.mentorshipsAsMentee());
        plain(out, "sessionsHeld", r.sessionsHeld());
        plain(out, "answersGiven", r.answersGiven());
        plain(out, "kudosReceived", r.kudosReceived());
        plain(out, "kudosGiven", r.kudosGiven());
        ratings(out, r.ratingsAboutYou(), "ratingsAboutYou");
        line(out, "netPromoterScoreAboutYou", "", r.netPromoterScoreAboutYou());
        return out.toString();
    }

    private static void ratings(StringBuilder out, ProgramReport.Ratings ratings, String prefix) {
        line(out, prefix + ".rating", "", ratings.rating());
        line(out, prefix + ".usefulness", "", ratings.usefulness());
        line(out, prefix + ".preparation", "", ratings.preparation());
        line(out, prefix + ".learnedSomething", "", ratings.learnedSomething());
        line(out, prefix + ".goalProgress", "", ratings.goalProgress());
    }

    private static void breakdowns(StringBuilder out, String by, List<ProgramReport.Breakdown> groups) {
        for (ProgramReport.Breakdown b : groups) {
            line(out, "by" + Character.toUpperCase(by.charAt(0)) + by.substring(1) + ".participants", b.group(), b.participants());
            line(out, "by" + Character.toUpperCase(by.charAt(0)) + by.substring(1) + ".answers", b.group(), b.answers());
            line(out, "by" + Character.toUpperCase(by.charAt(0)) + by.substring(1) + ".averageRating", b.group(),
                    b.averageRating());
        }
    }

    private static void plain(StringBuilder out, String name, long value) {
        out.append(name).append(",,").append(value).append(",,false,\r\n");
    }

    private static void line(StringBuilder out, String name, String group, Figure f) {
        out.append(name).append(',').append(field(group)).append(',')
                .append(f.value() == null ? "" : f.value().toPlainString()).append(',')
                .append(f.basis() == null ? "" : f.basis()).append(',')
                .append(f.suppressed()).append(',')
                .append(field(f.reason() == null ? "" : f.reason())).append("\r\n");
    }

    /** RFC 4180 quoting; a leading formula character is neutralised so spreadsheets never evaluate a group name. */
    static String field(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
