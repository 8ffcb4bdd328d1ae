package cli

import (
	"errors"

	"github.com/cite-project/cite/internal/check"
	"github.com/cite-project/cite/internal/config"
	"github.com/cite-project/cite/internal/translit"
	"github.com/cite-project/cite/styles"
	ucli "github.com/urfave/cli/v2"
)

// libraryConfig reads the cite.toml of the library --library names (see
// package config), through the input limits; a library without one gets
// the zero Config. A cite.toml with problems is bad input (exit 2), each
// problem named with file:line.
func (e *env) libraryConfig(c *ucli.Context) (*config.Config, error) {
	path := config.Find(c.String("library"))
	if path == "" {
		return &config.Config{}, nil
	}
	data, _, err := e.readInput(c, path)
	if err != nil {
		return nil, err
	}
	cfg, err := config.Parse(path, data, config.Known{
		CheckStyles:  []string{check.StyleAPA, check.StyleGOST},
		FormatStyles: styles.Names(),
		Schemes:      translit.Schemes(),
	})
	if err != nil {
		var ce *config.Error
		if errors.As(err, &ce) {
			return nil, inputError(errors.New(ce.Error() + "\nfix " + path + " and run the command again"))
		}
		return nil, inputError(err)
	}
	return cfg, nil
}

// checkOptions decides whose requirements cite check applies: --style when
// given; else the styles cite.toml names; else both, with APA's
// translation requirement as a warning.
func checkOptions(style string, cfg *config.Config) check.Options {
	switch {
	case style != "":
		return check.Options{Style: style}
	case len(cfg.Styles) == 1:
		return check.Options{Style: cfg.Styles[0]}
	case len(cfg.Styles) > 1:
		return check.Options{Style: check.StyleAll}
	}
	return check.Options{Style: check.StyleAll, TranslationWarning: true}
}
