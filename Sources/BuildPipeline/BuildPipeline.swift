// Placeholder until the BuildPipeline module lands.
enum BuildPipelineNamespace {}
