/// Field selectors, as client-go's `fields` package parses, prints and matches them.
public enum Fields {}
