/// Label selectors, as client-go's `labels` package parses, prints and matches them.
public enum Labels {}
