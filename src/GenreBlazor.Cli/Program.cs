using System.CommandLine;
using GenreBlazor.Cli.Commands;

// genreblazor: trains, evaluates and queries GenreBlazor's models.
var root = new RootCommand("GenreBlazor: train, evaluate and query the genre models.")
{
    TrainCommand.Create(),
    EvaluateCommand.Create(),
    PredictCommand.Create(),
    DnaCommand.Create(),
    EvaluateSimilarCommand.Create(),
    EvaluatePicksCommand.Create(),
    PersonasCommand.Create(),
    ThemesCommand.Create(),
    EvaluateLiftCommand.Create(),
    OperatorCommands.Key(),
    OperatorCommands.Password(),
    IngestCommand.Create(),
    ModelsCommand.Create(),
    RetrainCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
