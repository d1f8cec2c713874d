package org.mentoring.local;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A synthetic organisation for the local stack, deterministic from a seed: departments, locations with their time
 * zones and languages, a management tree with levels, and people's skills, learning goals and mentoring
 * preferences drawn so that matching has something to work with (seniors with skills juniors want to learn).
 */
public final class DemoOrganisation {

    record Location(String name, String timeZone, String language) {
    }

    record Person(String externalId, String email, String displayName, String jobTitle, String department,
                  Location location, List<String> languages, int level, String managerExternalId, LocalDate hireDate,
                  List<String[]> skills, List<String[]> goals, List<String> openToRoles, int capacity,
                  List<String> topics, String bio) {
    }

    static final List<String> DEPARTMENTS = List.of("Engineering", "Product", "Design", "Data", "Sales", "Marketing",
            "Finance", "People", "Customer Success", "Operations");
    static final List<Location> LOCATIONS = List.of(
            new Location("Berlin", "Europe/Berlin", "de"), new Location("London", "Europe/London", "en"),
            new Location("Lisbon", "Europe/Lisbon", "pt"), new Location("New York", "America/New_York", "es"),
            new Location("San Francisco", "America/Los_Angeles", "es"), new Location("Bangalore", "Asia/Kolkata", "hi"),
            new Location("Singapore", "Asia/Singapore", "zh"));
    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret", "Tim", "Barbara",
            "Dennis", "Frances", "Ken", "Radia", "Edsger", "Hedy", "John", "Joan", "Guido", "Anita", "Bjarne", "Karen",
            "Niklaus", "Sophie", "James", "Shafi", "Leslie", "Carol", "Donald", "Jean", "Yukihiro", "Mary", "Satoshi",
            "Priya", "Mateo", "Amara", "Chen", "Lucia", "Omar", "Ingrid", "Kwame", "Yara"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Johnson", "Torvalds", "Hamilton", "Lee",
            "Liskov", "Ritchie", "Allen", "Thompson", "Perlman", "Dijkstra", "Lamarr", "McCarthy", "Clarke", "Rossum",
            "Borg", "Stroustrup", "Jones", "Wirth", "Wilson", "Gosling", "Goldwasser", "Lamport", "Shaw", "Knuth",
            "Bartik", "Matsumoto", "Kenneth", "Nakamura", "Iyer", "Silva", "Okafor", "Wei", "Moreno", "Haddad",
            "Larsen", "Mensah", "Farouk"};
    private static final List<List<String>> DEPARTMENT_SKILLS = List.of(
            List.of("Java", "Kotlin", "Kubernetes", "PostgreSQL", "Kafka", "TypeScript", "Go", "Software testing", "AWS"),
            List.of("Product management", "UX research", "Strategy", "Roadmapping", "Data analysis", "Presenting"),
            List.of("UX research", "Interface design", "Accessibility", "Workshop facilitation", "Presenting"),
            List.of("Python", "SQL", "Machine learning", "Statistics", "Data visualization", "Spark"),
            List.of("Negotiation", "Presenting", "Strategy", "Customer discovery", "Storytelling"),
            List.of("Storytelling", "Data analysis", "Presenting", "Strategy", "Copywriting"),
            List.of("Financial modelling", "Data analysis", "SQL", "Negotiation", "Strategy"),
            List.of("Hiring", "Interviewing", "Line management", "Feedback", "Workshop facilitation"),
            List.of("Feedback", "Presenting", "Negotiation", "Data analysis", "Documentation"),
            List.of("Project planning", "Kanban", "Data analysis", "Documentation", "Negotiation"));
    private static final List<String> GROWTH_SKILLS = List.of("Line management", "Presenting", "Feedback",
            "Strategy", "Hiring", "Negotiation", "Workshop facilitation", "Kubernetes", "Python", "Data analysis");
    private static final List<String> TOPICS = List.of("career growth", "leadership", "onboarding", "technical",
            "confidence", "work-life balance", "inclusion");
    private static final String[] TITLES = {"Associate", "Junior", "", "Senior", "Staff", "Principal", "Lead",
            "Head of", "Director", "VP"};

    private DemoOrganisation() {
    }

    /** People in hiring order: the first is the top of the tree, every later one reports to someone earlier. */
    static List<Person> generate(int size, long seed) {
        Random random = new Random(seed);
        List<Person> people = new ArrayList<>(size);
        // Candidate managers, kept as people are added, so generating 100,000 people stays linear.
        java.util.Map<String, List<Person>> leadsByDepartment = new java.util.HashMap<>();
        List<Person> seniors = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String department = i == 0 ? "Operations" : DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()));
            int departmentIndex = DEPARTMENTS.indexOf(department);
            Location location = LOCATIONS.get(i == 0 ? 1 : random.nextInt(LOCATIONS.size()));
            int level;
            String manager = null;
            if (i == 0) {
                level = 12;
            } else {
                Person boss = chooseManager(people.get(0), leadsByDepartment.getOrDefault(department, List.of()),
                        seniors, random);
                manager = boss.externalId();
                level = Math.max(1, boss.level() - 1 - random.nextInt(3));
            }
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[(i * 7 + random.nextInt(LAST.length)) % LAST.length];
            String externalId = String.format(Locale.ROOT, "E%05d", i + 1);
            String email = (first + "." + last + "." + (i + 1)).toLowerCase(Locale.ROOT) + "@mentoring.local";
            List<String> languages = new ArrayList<>(List.of("en"));
            if (!location.language().equals("en") && random.nextInt(3) > 0) {
                languages.add(location.language());
            }
            List<String> pool = DEPARTMENT_SKILLS.get(departmentIndex);
            List<String[]> skills = new ArrayList<>();
            for (String skill : pool) {
                if (random.nextInt(3) > 0) {
                    int proficiency = Math.min(5, Math.max(1, level / 2 + random.nextInt(3) - 1));
                    skills.add(new String[] {skill, String.valueOf(proficiency)});
                }
            }
            if (level >= 6) {
                // A senior's strength: listed once, at the higher level when the department's pool has it already.
                String[] strength = {GROWTH_SKILLS.get(random.nextInt(4)), String.valueOf(4 + random.nextInt(2))};
                skills.removeIf(s -> s[0].equals(strength[0]));
                skills.add(strength);
            }
            List<String[]> goals = new ArrayList<>();
            int goalCount = level <= 6 ? 2 + random.nextInt(3) : random.nextInt(2);
            for (int g = 0; g < goalCount; g++) {
                String skill = random.nextBoolean() ? GROWTH_SKILLS.get(random.nextInt(GROWTH_SKILLS.size()))
                        : pool.get(random.nextInt(pool.size()));
                if (goals.stream().noneMatch(existing -> existing[0].equals(skill))) {
                    goals.add(new String[] {skill, String.valueOf(3 + random.nextInt(3)), String.valueOf(g + 1)});
                }
            }
            List<String> roles = new ArrayList<>();
            if (level >= 5 && random.nextInt(10) < 6) {
                roles.add("mentor");
            }
            if (level <= 7 && random.nextInt(10) < 7) {
                roles.add("mentee");
            }
            if (random.nextInt(10) < 3) {
                roles.add("peer");
            }
            int capacity = roles.contains("mentor") ? 1 + random.nextInt(3) : 0;
            List<String> topics = List.of(TOPICS.get(random.nextInt(TOPICS.size())),
                    TOPICS.get(random.nextInt(TOPICS.size()))).stream().distinct().toList();
            String title = (TITLES[Math.min(TITLES.length - 1, (level - 1) * TITLES.length / 12)] + " "
                    + jobOf(department)).strip();
            LocalDate hired = LocalDate.of(2026, 11, 1).minusDays(30L + random.nextInt(3650));
            String bio = first + " works in " + department + " in " + location.name() + ".";
            Person person = new Person(externalId, email, first + " " + last, title, department, location, languages,
                    level, manager, hired, skills, goals, roles, capacity, topics, bio);
            people.add(person);
            if (level >= 4) {
                leadsByDepartment.computeIfAbsent(department, d -> new ArrayList<>()).add(person);
            }
            if (level >= 6) {
                seniors.add(person);
            }
        }
        return people;
    }

    private static Person chooseManager(Person top, List<Person> sameDepartment, List<Person> seniors, Random random) {
        if (!sameDepartment.isEmpty() && random.nextInt(5) > 0) {
            return sameDepartment.get(random.nextInt(sameDepartment.size()));
        }
        return seniors.isEmpty() ? top : seniors.get(random.nextInt(seniors.size()));
    }

    private static String jobOf(String department) {
        return switch (department) {
            case "Engineering" -> "Software Engineer";
            case "Product" -> "Product Manager";
            case "Design" -> "Product Designer";
            case "Data" -> "Data Scientist";
            case "Sales" -> "Account Executive";
            case "Marketing" -> "Marketing Manager";
            case "Finance" -> "Financial Analyst";
            case "People" -> "People Partner";
            case "Customer Success" -> "Customer Success Manager";
            default -> "Operations Manager";
        };
    }

    /** The HRIS import file, in the platform's standard field mapping. */
    static String csv(List<Person> people) {
        StringBuilder out = new StringBuilder("externalId,email,displayName,jobTitle,department,location,timeZone,"
                + "languages,level,gradeLabel,managerExternalId,hireDate,status\n");
        for (Person p : people) {
            out.append(String.join(",", p.externalId(), p.email(), p.displayName(), p.jobTitle(), p.department(),
                    p.location().name(), p.location().timeZone(), String.join(";", p.languages()),
                    String.valueOf(p.level()), "L" + p.level(), p.managerExternalId() == null ? "" : p.managerExternalId(),
                    p.hireDate().toString(), "active")).append('\n');
        }
        return out.toString();
    }
}
