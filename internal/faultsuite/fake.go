// Package faultsuite is the proof that a nightly run survives misbehaving
// sites: a fake of the networks' sites, served on loopback only, that can
// misbehave on command (fake.go, faults.go), and tests that run the real
// `citynets` binary against it (fault_test.go), kill it at many points
// (crash_test.go) and drive the schedule daemon (daemon_test.go).
//
// The fake is an HTTP proxy. The binary is started with HTTPS_PROXY and
// HTTP_PROXY pointing at it and SSL_CERT_FILE naming the fake's own
// certificate authority, which is how any Go program reaches the real
// networks' hostnames (www.c40.org, …) through a proxy: nothing in the
// binary knows it is being tested. The proxy answers CONNECT by
// terminating TLS itself with a certificate for the requested host and
// serving the site from the networks' fixture pages
// (scrapers/<id>/testdata/sample, read with scrapertest.FixturePages).
package faultsuite

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/citynets/citynets/scrapers/fetch"
)

// Request is one request a fake site received.
type Request struct {
	At     time.Time // arrival
	Host   string
	Target string // path and query, normalised
	Status int    // 0 when the fault hijacked or aborted the connection
}

// Fault is how a site misbehaves for one URL. n is the number of the
// request to that URL (1 for the first); next serves the fixture page.
type Fault func(w http.ResponseWriter, r *http.Request, n int, next http.Handler)

// Fake serves fixture pages for any number of hosts through one proxy on
// 127.0.0.1. Make one with New; Close it when done.
type Fake struct {
	// ProxyURL is the proxy's address, for HTTPS_PROXY and HTTP_PROXY.
	ProxyURL string
	// CAFile is the PEM file of the authority that signs every site's
	// certificate, for SSL_CERT_FILE.
	CAFile string

	proxy *httptest.Server
	inner *http.Server
	ln    *chanListener
	ca    *x509.Certificate
	caKey *ecdsa.PrivateKey
	done  chan struct{} // closed by Close: hanging handlers return

	mu     sync.Mutex
	certs  map[string]*tls.Certificate
	pages  map[string]fetch.FixturePage // host + target → page
	faults map[string]Fault
	counts map[string]int
	log    []Request
}

// New starts a fake serving pages; dir receives the CA file.
func New(pages []fetch.FixturePage, dir string) (*Fake, error) {
	f := &Fake{
		done:   make(chan struct{}),
		certs:  map[string]*tls.Certificate{},
		pages:  map[string]fetch.FixturePage{},
		faults: map[string]Fault{},
		counts: map[string]int{},
	}
	for _, p := range pages {
		u, err := url.Parse(p.URL)
		if err != nil {
			return nil, fmt.Errorf("fixture %s: %w", p.URL, err)
		}
		f.pages[u.Hostname()+target(u)] = p
	}
	if err := f.newCA(dir); err != nil {
		return nil, err
	}
	f.ln = newChanListener()
	f.inner = &http.Server{Handler: http.HandlerFunc(f.serveSite), ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: discardLog()}
	go f.inner.Serve(f.ln)
	f.proxy = httptest.NewUnstartedServer(http.HandlerFunc(f.serveProxy))
	f.proxy.Config.ErrorLog = discardLog()
	f.proxy.Start()
	f.ProxyURL = f.proxy.URL
	return f, nil
}

// Close stops the proxy and every site.
func (f *Fake) Close() {
	close(f.done)
	f.proxy.CloseClientConnections()
	f.proxy.Close()
	f.inner.Close()
	f.ln.Close()
}

// Env is the environment that routes a process's HTTP(S) through the fake:
// the current environment without any proxy or certificate settings, plus
// the fake's.
func (f *Fake) Env() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch strings.ToUpper(name) {
		case "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "HTTPS_PROXY="+f.ProxyURL, "HTTP_PROXY="+f.ProxyURL, "SSL_CERT_FILE="+f.CAFile)
}

// Inject makes rawURL misbehave as fault says.
func (f *Fake) Inject(rawURL string, fault Fault) {
	u, err := url.Parse(rawURL)
	if err != nil {
		panic(fmt.Sprintf("faultsuite: Inject(%q): %v", rawURL, err))
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults[u.Hostname()+target(u)] = fault
}

// Requests returns the requests received for rawURL, for every URL of its
// host when rawURL has no path ("https://www.c40.org"), or for every host
// when rawURL is "".
func (f *Fake) Requests(rawURL string) []Request {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Request
	for _, r := range f.log {
		if rawURL == "" || r.Host == u.Hostname() && (u.Path == "" || r.Target == target(u)) {
			out = append(out, r)
		}
	}
	return out
}

// target is a URL's path and query, the query sorted, so that a page is
// found whatever order the client wrote its parameters in.
func target(u *url.URL) string {
	t := u.EscapedPath()
	if t == "" {
		t = "/"
	}
	if u.RawQuery != "" {
		t += "?" + u.Query().Encode()
	}
	return t
}

// serveProxy is the proxy: CONNECT opens a TLS tunnel to a fake site; any
// other request is plain-HTTP proxying and is served by the site at once.
func (f *Fake) serveProxy(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodConnect {
		f.serveSite(w, r)
		return
	}
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "no hijacking", http.StatusInternalServerError)
		return
	}
	raw, brw, err := hj.Hijack()
	if err != nil {
		return
	}
	if _, err := raw.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n")); err != nil {
		raw.Close()
		return
	}
	var c net.Conn = raw
	if brw.Reader.Buffered() > 0 {
		c = &bufferedConn{Conn: raw, r: brw.Reader}
	}
	cfg := &tls.Config{GetCertificate: f.certificate, NextProtos: []string{"http/1.1"}, MinVersion: tls.VersionTLS12}
	if !f.ln.push(&tunnelConn{Conn: tls.Server(c, cfg), raw: raw}) {
		raw.Close()
	}
}

// serveSite answers one request of a fake site, through its fault if it
// has one, and logs it.
func (f *Fake) serveSite(w http.ResponseWriter, r *http.Request) {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	key := target(r.URL)
	f.mu.Lock()
	f.counts[host+key]++
	n := f.counts[host+key]
	fault := f.faults[host+key]
	i := len(f.log)
	f.log = append(f.log, Request{At: time.Now(), Host: host, Target: key})
	f.mu.Unlock()

	rec := &statusWriter{ResponseWriter: w}
	defer func() {
		f.mu.Lock()
		f.log[i].Status = rec.status
		f.mu.Unlock()
	}()
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { f.serveFixture(w, host, key) })
	if fault != nil {
		fault(rec, r, n, next)
		return
	}
	next.ServeHTTP(rec, r)
}

// serveFixture answers with the fixture page, a permissive robots.txt when
// the fixtures have none, or 404.
func (f *Fake) serveFixture(w http.ResponseWriter, host, key string) {
	f.mu.Lock()
	p, ok := f.pages[host+key]
	f.mu.Unlock()
	switch {
	case ok:
		for k, vs := range p.Header {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		if p.ContentType != "" {
			w.Header().Set("Content-Type", p.ContentType)
		}
		status := p.Status
		if status == 0 {
			status = http.StatusOK
		}
		w.WriteHeader(status)
		w.Write(p.Body)
	case key == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "User-agent: *\nAllow: /\n")
	default:
		http.NotFound(w, nil)
	}
}

// certificate makes (once per host) a certificate for the host the client
// asked for, signed by the fake's authority.
func (f *Fake) certificate(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
	host := hello.ServerName
	if host == "" {
		host = "localhost"
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if c, ok := f.certs[host]; ok {
		return c, nil
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(int64(len(f.certs) + 2)),
		Subject:      pkix.Name{CommonName: host},
		DNSNames:     []string{host},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, f.ca, &key.PublicKey, f.caKey)
	if err != nil {
		return nil, err
	}
	c := &tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	f.certs[host] = c
	return c, nil
}

// newCA makes the authority and writes its certificate to dir/ca.pem.
func (f *Fake) newCA(dir string) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "citynets faultsuite test CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return err
	}
	if f.ca, err = x509.ParseCertificate(der); err != nil {
		return err
	}
	f.caKey = key
	f.CAFile = filepath.Join(dir, "ca.pem")
	return os.WriteFile(f.CAFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
}

// statusWriter remembers the status a handler wrote, and still lets a
// fault hijack or flush the connection.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusWriter) Flush() {
	if fl, ok := s.ResponseWriter.(http.Flusher); ok {
		fl.Flush()
	}
}

func (s *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := s.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("faultsuite: connection cannot be hijacked")
	}
	return hj.Hijack()
}

// tunnelConn is a TLS connection inside a CONNECT tunnel; raw is the TCP
// connection under it, which a reset fault aborts.
type tunnelConn struct {
	net.Conn
	raw net.Conn
}

// bufferedConn is a connection whose first bytes were already buffered.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(b []byte) (int, error) { return c.r.Read(b) }

// chanListener hands the tunnels' TLS connections to the sites' server.
type chanListener struct {
	conns chan net.Conn
	once  sync.Once
	done  chan struct{}
}

func newChanListener() *chanListener {
	return &chanListener{conns: make(chan net.Conn), done: make(chan struct{})}
}

func (l *chanListener) push(c net.Conn) bool {
	select {
	case l.conns <- c:
		return true
	case <-l.done:
		return false
	}
}

func (l *chanListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *chanListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

func (l *chanListener) Addr() net.Addr { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)} }
