/** The floor's build: the app's own compiler settings and future flags (../../remix.config.js), for this folder's app/. */
module.exports = require("../../remix.config.js");
