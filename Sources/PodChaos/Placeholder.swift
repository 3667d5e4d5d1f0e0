public enum PodChaosPlaceholder {}
