extension PhraseLists {
    /// Symptoms and situations that need an ambulance or A&E now (NHS "Call 999 if" pages): a page
    /// that describes one should tell patients what to do in an emergency care card
    /// (`emergency-advice-missing`). Specific phrases, not single words: "stroke" alone would find
    /// "heat stroke", "bleeding" alone every nosebleed.
    public static let emergencySymptoms: [String] = [
        // Heart
        "chest pain", "chest pains", "pain in your chest", "pain in the chest", "heart attack", "cardiac arrest",
        // Stroke
        "signs of a stroke", "sign of a stroke", "signs of stroke", "symptoms of a stroke", "symptoms of stroke",
        "having a stroke", "face drooping", "face has dropped", "slurred speech", "weakness on one side",
        // Allergy
        "anaphylaxis", "anaphylactic", "severe allergic reaction",
        // Infection
        "sepsis", "septic shock", "meningitis", "rash that does not fade", "rash that doesn't fade",
        // Breathing
        "severe breathing difficulty", "severe difficulty breathing", "severe shortness of breath",
        "struggling to breathe", "cannot breathe", "can't breathe", "stopped breathing", "not breathing",
        "too breathless to speak", "choking", "blue lips", "lips turning blue", "lips are blue",
        // Bleeding
        "heavy bleeding", "severe bleeding", "bleeding that will not stop", "bleeding that won't stop",
        "coughing up blood", "vomiting blood", "vomit blood",
        // Consciousness and fits
        "unconscious", "collapsed", "seizure that lasts", "fit that lasts", "fitting for more than",
        "sudden severe headache", "sudden, severe headache", "worst headache",
        // Mental health
        "suicidal thoughts", "suicidal feelings", "feeling suicidal", "thoughts of suicide", "thoughts of ending your life",
        "want to end your life", "end your life", "kill yourself", "taken an overdose", "overdose",
    ]
}
