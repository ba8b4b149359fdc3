package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"regie/internal/anchor"
	"regie/internal/keys"
	"regie/internal/request"
	"regie/internal/store"
	"regie/internal/ui"
)

// Config is every setting of regie, read from environment variables and
// then from flags (flags win). It is validated at start; a bad value stops
// regie with one line that names it.
type Config struct {
	Database    string        // REGIE_DATABASE: a SQLite file path or a postgres:// URL
	Addr        string        // REGIE_ADDR
	SessionIdle time.Duration // REGIE_SESSION_IDLE
	SessionMax  time.Duration // REGIE_SESSION_MAX
	// RequestTimeout bounds a request's work (every store call it makes):
	// a database that stops answering gives a 503, not a hanging request.
	RequestTimeout time.Duration // REGIE_REQUEST_TIMEOUT
	LogLevel       string        // REGIE_LOG_LEVEL: debug, info, warn, error
	LogFormat      string        // REGIE_LOG_FORMAT: text or json
	TLSCert        string        // REGIE_TLS_CERT
	TLSKey         string        // REGIE_TLS_KEY
	TrustProxy     bool          // REGIE_TRUST_PROXY: true trusts a proxy on this machine (loopback) only
	Proxies        string        // REGIE_TRUSTED_PROXIES: addresses and CIDR blocks of the reverse proxies
	DBMaxConns     int           // REGIE_DB_MAX_CONNS: 0 means twice the cores
	DevTemplates   string        // REGIE_DEV_TEMPLATES: read templates from this directory (internal/ui)
	KeyFile        string        // REGIE_KEY_FILE: regie's own keys, outside the database (internal/keys)
	AnchorFile     string        // REGIE_AUDIT_ANCHOR_FILE: the access log's chain heads, outside the database (internal/anchor)
	// MetricsAddr is a second listen address that serves only /metrics
	// (Prometheus text format); empty means no metrics listener.
	MetricsAddr string // REGIE_METRICS_ADDR

	// proxies are the trusted proxies: Proxies parsed, plus loopback with
	// TrustProxy. Set by validate.
	proxies request.Proxies
}

// defaultConfig returns the defaults; the demo uses its own database file.
func defaultConfig(demo bool) Config {
	c := Config{Addr: "127.0.0.1:8080", SessionIdle: 30 * time.Minute, SessionMax: 12 * time.Hour, RequestTimeout: ui.DefaultTimeout, LogLevel: "info", LogFormat: "text"}
	if demo {
		c.Database = "regie-demo.db"
	}
	return c
}

// setting is one configuration key with its env name and flag name.
type setting struct {
	env, flag, help string
	str             *string
	dur             *time.Duration
	boolean         *bool
	num             *int
}

func (c *Config) settings() []setting {
	return []setting{
		{env: "REGIE_DATABASE", flag: "database", help: "SQLite-bestand of postgres://-URL", str: &c.Database},
		{env: "REGIE_ADDR", flag: "addr", help: "adres om op te luisteren", str: &c.Addr},
		{env: "REGIE_SESSION_IDLE", flag: "session-idle", help: "sessie verloopt na zo lang zonder activiteit", dur: &c.SessionIdle},
		{env: "REGIE_SESSION_MAX", flag: "session-max", help: "sessie verloopt zo lang na inloggen", dur: &c.SessionMax},
		{env: "REGIE_REQUEST_TIMEOUT", flag: "request-timeout", help: "zo lang mag een verzoek op de database wachten; daarna 503", dur: &c.RequestTimeout},
		{env: "REGIE_LOG_LEVEL", flag: "log-level", help: "debug, info, warn of error", str: &c.LogLevel},
		{env: "REGIE_LOG_FORMAT", flag: "log-format", help: "text of json", str: &c.LogFormat},
		{env: "REGIE_TLS_CERT", flag: "tls-cert", help: "TLS-certificaat (PEM); leeg achter een proxy met TLS", str: &c.TLSCert},
		{env: "REGIE_TLS_KEY", flag: "tls-key", help: "TLS-sleutel (PEM)", str: &c.TLSKey},
		{env: "REGIE_TRUSTED_PROXIES", flag: "trusted-proxies", help: "adressen en CIDR-blokken van de reverse proxy's waarvan X-Forwarded-For geloofd wordt", str: &c.Proxies},
		{env: "REGIE_TRUST_PROXY", flag: "trust-proxy", help: "true: geloof X-Forwarded-For alleen van een proxy op deze machine (loopback)", boolean: &c.TrustProxy},
		{env: "REGIE_DB_MAX_CONNS", flag: "db-max-conns", help: "maximum aantal databaseverbindingen (0: 2 × cores)", num: &c.DBMaxConns},
		{env: "REGIE_KEY_FILE", flag: "key-file", help: "sleutelbestand buiten de database (SQLite: standaard <database>.key)", str: &c.KeyFile},
		{env: "REGIE_AUDIT_ANCHOR_FILE", flag: "audit-anchor-file", help: "ankerbestand van het toegangslog, buiten de database (standaard <sleutelbestand>.anchors)", str: &c.AnchorFile},
		{env: "REGIE_METRICS_ADDR", flag: "metrics-addr", help: "apart adres voor /metrics (Prometheus); leeg: uit", str: &c.MetricsAddr},
		{env: "REGIE_DEV_TEMPLATES", flag: "dev-templates", help: "lees templates bij elk verzoek van schijf uit deze map (internal/ui)", str: &c.DevTemplates},
	}
}

// load reads the environment, then parses the flags in fs's args.
func (c *Config) load(fs *flag.FlagSet, args []string, getenv func(string) string) error {
	for _, s := range c.settings() {
		v := getenv(s.env)
		if v != "" {
			if err := s.set(v); err != nil {
				return fmt.Errorf("%s: %w", s.env, err)
			}
		}
		fs.Func(s.flag, s.help+" ("+s.env+")", s.set)
	}
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fs.SetOutput(os.Stdout)
			fs.PrintDefaults()
		}
		return err
	}
	return c.validate()
}

func (s setting) set(v string) error {
	switch {
	case s.str != nil:
		*s.str = v
	case s.dur != nil:
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("ongeldige duur %q (bijvoorbeeld 30m of 12h)", v)
		}
		*s.dur = d
	case s.boolean != nil:
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("ongeldige waarde %q (true of false)", v)
		}
		*s.boolean = b
	case s.num != nil:
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("ongeldig getal %q", v)
		}
		*s.num = n
	}
	return nil
}

func (c *Config) validate() error {
	switch {
	case c.Database == "":
		return fmt.Errorf("REGIE_DATABASE ontbreekt: geef een SQLite-bestand (bijvoorbeeld /var/lib/regie/regie.db) of een postgres://-URL")
	case c.KeyFile == "" && store.IsPostgres(c.Database):
		return fmt.Errorf("REGIE_KEY_FILE ontbreekt: met PostgreSQL staat het sleutelbestand op de applicatieserver, nooit in de database (maak het met regie keys create)")
	case c.RequestTimeout <= 0:
		return fmt.Errorf("REGIE_REQUEST_TIMEOUT (%s) moet groter dan nul zijn, bijvoorbeeld 15s", c.RequestTimeout)
	case c.SessionIdle > c.SessionMax:
		return fmt.Errorf("REGIE_SESSION_IDLE (%s) is langer dan REGIE_SESSION_MAX (%s)", c.SessionIdle, c.SessionMax)
	case (c.TLSCert == "") != (c.TLSKey == ""):
		return fmt.Errorf("geef REGIE_TLS_CERT en REGIE_TLS_KEY allebei, of geen van beide")
	case !oneOf(c.LogLevel, "debug", "info", "warn", "error"):
		return fmt.Errorf("REGIE_LOG_LEVEL %q: kies debug, info, warn of error", c.LogLevel)
	case !oneOf(c.LogFormat, "text", "json"):
		return fmt.Errorf("REGIE_LOG_FORMAT %q: kies text of json", c.LogFormat)
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			return fmt.Errorf("REGIE_METRICS_ADDR %q: geef host:poort, bijvoorbeeld 127.0.0.1:9090", c.MetricsAddr)
		}
		if c.MetricsAddr == c.Addr {
			return fmt.Errorf("REGIE_METRICS_ADDR (%s) is hetzelfde adres als REGIE_ADDR: de metrics horen op een apart adres, niet op het publieke", c.MetricsAddr)
		}
	}
	ps, err := request.ParseProxies(c.Proxies)
	if err != nil {
		return fmt.Errorf("REGIE_TRUSTED_PROXIES: %w", err)
	}
	if c.TrustProxy {
		// Kept from before the list: "true" means a proxy on this
		// machine, never "whoever sends the header".
		ps = append(ps, request.Loopback...)
	}
	c.proxies = ps
	return nil
}

// keyFile is the path of the key file: as configured, or for SQLite the
// database's path with ".key" appended.
func (c *Config) keyFile() string {
	if c.KeyFile != "" || store.IsPostgres(c.Database) {
		return c.KeyFile
	}
	return c.Database + ".key"
}

// anchorFile is the path of the anchor file of the access log: as
// configured, or the key file's path with ".anchors" appended.
func (c *Config) anchorFile() string {
	if c.AnchorFile != "" {
		return c.AnchorFile
	}
	return anchor.DefaultPath(c.keyFile())
}

// loadKeys loads the key file. With create (migrate, demo) a missing file
// is made; a running instance refuses to start without its keys, since
// what they sealed cannot be read without them.
func (c *Config) loadKeys(create bool) (*keys.Ring, error) {
	path := c.keyFile()
	if create {
		r, _, err := keys.LoadOrCreate(path)
		if err != nil {
			return nil, fmt.Errorf("sleutelbestand %s: %w", path, err)
		}
		return r, nil
	}
	r, err := keys.Load(path)
	if err != nil {
		return nil, fmt.Errorf("sleutelbestand %s: %w (maak het met regie migrate of regie keys create)", path, err)
	}
	return r, nil
}

func oneOf(v string, options ...string) bool {
	for _, o := range options {
		if strings.EqualFold(v, o) {
			return true
		}
	}
	return false
}

// logger builds the one logger of the process.
func (c *Config) logger(w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if strings.EqualFold(c.LogFormat, "json") {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// redacted returns the database setting without a password, for logs.
func redacted(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		if at := strings.LastIndex(dsn, "@"); at > i {
			if colon := strings.Index(dsn[i+3:at], ":"); colon >= 0 {
				return dsn[:i+3+colon] + ":***" + dsn[at:]
			}
		}
	}
	return dsn
}
