// The SpeechTextAdapter module; see DESIGN.md.
