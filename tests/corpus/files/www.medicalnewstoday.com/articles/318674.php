<!DOCTYPE html>
<html lang="en" xmlns="http://www.w3.org/1999/xhtml" xml:lang="en">
    <!--[318674|cccs|]-->
    <head>
        <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
        <title>
            How does the brain turn unconscious information into conscious thought?
        </title>
        <meta property="og:url" content="https://www.medicalnewstoday.com/articles/318674.php" />
        <meta property="og:type" content="article" />
        <meta property="og:site_name" content="Medical News Today" />
        <meta property="og:title" content="How does the brain turn unconscious information into conscious thought?" />
        <meta property="og:description" content="New research investigates the neurobiological timing of the so-called a-ha! moment that occurs we have come up with the solution to a complex problem." />
        <meta name="description" content="New research investigates the neurobiological timing of the so-called a-ha! moment that occurs we have come up with the solution to a complex problem." />
        <meta property="og:image" content="https://cdn1.medicalnewstoday.com/content/images/headlines/318/318674/hand-holding-brain-lightbulb.jpg" />
        <meta property="fb:admins" content="1658973110" />
        <meta property="fb:app_id" content="147184211975697" />
        <meta itemprop="description" content="New research investigates the neurobiological timing of the so-called a-ha! moment that occurs we have come up with the solution to a complex problem." />
        <meta itemprop="image" content="https://cdn1.medicalnewstoday.com/content/images/headlines/318/318674/hand-holding-brain-lightbulb.jpg" />
        <meta name="twitter:domain" content="medicalnewstoday.com" />
        <meta name="twitter:card" content="summary_large_image" />
        <meta name="twitter:site" content="@mnt" />
        <meta name="twitter:title" content="How does the brain turn unconscious information into conscious thought?" />
        <meta name="twitter:description" content="New research investigates the neurobiological timing of the so-called a-ha! moment that occurs we have come up with the solution to a complex problem." />
        <meta name="twitter:creator" content="@mnt" />
        <meta name="twitter:image:src" content="https://cdn1.medicalnewstoday.com/content/images/headlines/318/318674/hand-holding-brain-lightbulb.jpg" />
        <meta name="news_keywords" content="bounded accumulation model, bounded accumulation evidence, unconscious, consciousness, aha moment" />
        <meta name="rating" content="general" />
        <meta http-equiv="Cache-Control" content="no-cache" />
        <link href="https://plus.google.com/+medicalnews" rel="publisher" />
        <meta name="p:domain_verify" content="ca332f19ebf583ba72eff99cc210a982" />
        <meta http-equiv="bulletin-text" content="Copyright" />
        <link rel="canonical" href="https://www.medicalnewstoday.com/articles/318674.php" />
        <link rel="shortcut icon" type="image/png" href="https://cdn1.medicalnewstoday.com/favicon.png" />
        <link rel="icon" sizes="32x32" href="https://cdn1.medicalnewstoday.com/favicon.ico" />
        <link rel="apple-touch-icon" type="image/png" href="https://cdn1.medicalnewstoday.com/apple-touch-icon.png" />
        <link rel="alternate" type="application/rss+xml" title="Medical News Today - Health News Headlines RSS Feed" href="https://rss.medicalnewstoday.com/featurednews.xml" />
        <link rel="alternate" type="application/json" title="Medical News Today - Health News Headlines JSON Feed" href="https://rss.medicalnewstoday.com/json/featurednews.json" />
        <meta http-equiv="x-dns-prefetch-control" content="on" />
        <link rel="preconnect dns-prefetch" href="//cdn1.medicalnewstoday.com" crossorigin="" />
        <link rel="preconnect dns-prefetch" href="//cdn2.medicalnewstoday.com" crossorigin="" />
        <link rel="preload" as="font" crossorigin="crossorigin" href="https://cdn2.medicalnewstoday.com/structure/fonts/ProximaNova/ProximaNova-Light.woff2" />
        <link rel="preload" as="font" crossorigin="crossorigin" href="https://cdn2.medicalnewstoday.com/structure/fonts/ProximaNova/ProximaNova-Regular.woff2" />
        <link rel="preload" as="font" crossorigin="crossorigin" href="https://cdn2.medicalnewstoday.com/structure/fonts/ProximaNova/ProximaNova-Bold.woff2" />
        <link rel="preload" as="font" crossorigin="crossorigin" href="https://cdn2.medicalnewstoday.com/structure/fonts/ProximaNova/ProximaNova-ExtraBold.woff2" />
        <link rel="preload" as="font" crossorigin="crossorigin" href="https://cdn2.medicalnewstoday.com/structure/fonts/Arnhem/ArnhemPro-Bold.woff" />
        <link rel="stylesheet" type="text/css" href="https://cdn2.medicalnewstoday.com/structure/styles/styles_fonts_7721.css" />
        <link href="https://maxcdn.bootstrapcdn.com/font-awesome/4.7.0/css/font-awesome.min.css" rel="stylesheet" integrity="sha384-wvfXpqpZZVQGK6TAh5PVlGOfQNHSoD2xbE+QkPxCAFlNEevoEH3Sl0sibVcOQVnN" crossorigin="anonymous" />
        <link rel="stylesheet" href="https://cdn2.medicalnewstoday.com/structure/styles/out/mnt_default_redesign_7721.css?v=20181203" type="text/css" media="all" />
        <link rel="stylesheet" href="https://cdn2.medicalnewstoday.com/structure/styles/out/mnt_print_redesign_7721.css?v=20181203" type="text/css" media="print" /><!--[if lt IE 9]>
<script src="//html5shim.googlecode.com/svn/trunk/html5.js"></script>
        <link rel="stylesheet" href="https://cdn2.medicalnewstoday.com/structure/styles/out/mnt_ie.css" type="text/css" media="all" />
        <![endif]-->
        <!--[if IE 7]>

<script src="//ie7-js.googlecode.com/svn/version/2.1(beta4)/IE7.js"></script>
<![endif]--><!--[if IE 9]>
<script src="//ie7-js.googlecode.com/svn/version/2.1(beta4)/IE9.js"></script>
<![endif]-->
        <meta name="viewport" content="width=device-width, initial-scale=1.0, minimum-scale=0.2, maximum-scale=2.0, user-scalable=1" /><!--desktop-->
        <noscript>
        <link rel="stylesheet" href="https://cdn1.medicalnewstoday.com/structure/styles/styles_noscript.css" type="text/css" media="all" /></noscript>
        <script type="text/javascript">
        //<![CDATA[
                        var glob_mntcookie = 0;
        //]]>
        </script>
        <script>
        <![CDATA[

        glob_JS=(typeof glob_JS === 'undefined')?{'GAInit':[],'GA':[],"ExternalJS":[],"AD":[]}:glob_JS;

        glob_TrueOnGDPR=(glob_mntcookie!=1);

        //if use GDPR is true, we need this flag to make sure ga queue can ber execute after ga is ready
        glob_isGaReady=!glob_TrueOnGDPR;



        if(typeof fireOrSaveGoogleAdFunctions === 'undefined'){



        function fireOrSaveGoogleAdFunctions(adFunction){

        if(!glob_TrueOnGDPR){

            adFunction();

        }else{

            if(typeof fireOrSaveGoogleADs === 'undefined'){
                //save ad event in queue
                glob_JS.AD.push(adFunction);
            }else{
                //let next function to determine save or fire ad function
                fireOrSaveGoogleADs(adFunction);

            }
        }

        }

        function fireOrSaveJsFunctions(jsType,jsFunction){

        if(!glob_TrueOnGDPR && jsType!=0){
            //if GDPR already accept, and func type is not ga event, just exec

            jsFunction()

        }else if(!glob_TrueOnGDPR && jsType===0) {
            //for ga event only

            if(glob_isGaReady) {
                //if ga ready, call the function
                jsFunction();
            }else{
                //if user accept GDPR, but ga not ready, still push new command into queue
                glob_JS.GA.push(jsFunction);

            }

        }else{

                if(jsType<0){
                    jsType='GAInit'
                }else if(jsType==0){
                    jsType='GA';
                }else{
                    jsType='ExternalJS';
                }

                if(typeof fireJS === 'undefined'){
                    //save ad event in queue


                    if(jsType=='GAInit'){

                        glob_JS.GAInit.push(jsFunction);

                    }else if(jsType=='GA') {

                        glob_JS.GA.push(jsFunction);
                    }else
                    {
                        //default is other js
                        glob_JS.ExternalJS.push(jsFunction);
                    }


                }else{
                    //let next function to determine save or fire ad function
                    fireJS(jsType,jsFunction);

                }
            }
        }



        function loadScript(url, parameters,callback){



        var script = document.createElement("script");
        script.type = "text/javascript";


        //add custom attribute
        for (var key in parameters) {
            if (parameters.hasOwnProperty(key)) {
                script.setAttribute(key,parameters[key]);
            }
        }


        if (script.readyState){  //IE
            script.onreadystatechange = function(){
                if (script.readyState == "loaded" ||
                    script.readyState == "complete"){
                    script.onreadystatechange = null;
                    callback();
                }
            };
        } else {  //Others
            script.onload = function(){

                if(typeof callback === 'function'){
                    callback();
                }

            };
        }

        script.src = url;
        document.getElementsByTagName("head")[0].appendChild(script);
        }



        }

        ]]>
        </script><!--<script type='text/javascript'>
(function() {
var useSSL = 'https:' == document.location.protocol;
var src = (useSSL ? 'https:' : 'http:') +
'//www.googletagservices.com/tag/js/gpt.js';
document.write('<scr' + 'ipt src="' + src + '"></scr' + 'ipt>');
})();
</script>-->

        <script type="text/javascript">
        //<![CDATA[
        //CMP   
        var isEEA = true;
        var passEEACheck = false;

        var metadata = 'BOSk20WOSk20WABABBENBR-AAAAeCAFAAUABwAEAANABCA';
        var purposeConsents = { 1: true, 2: true, 3: true, 4: true, 5: true };
        var vendorConsents = { 10:true, 28: true, 32: true, 52: true, 132: true };

                function __cmp(cmd, p, cb) {
                        if (cmd === 'getVendorConsents' || cmd === 'getConsentData') {
                                cb({
                                        hasGlobalScope: true,
                                        gdprApplies: isEEA,
                                        metadata: metadata,
                                        consentData: metadata,
                                        purposeConsents: purposeConsents,
                                        vendorConsents: vendorConsents
                                }, true);
                        } else if (cmd === 'ping') {
                                cb({gdprAppliesGlobally: false, cmpLoaded: isEEA});
                        } else {
                                throw new Error('Invalid CMP command '+ cmd);
                        }
                }
        //]]>
        </script><!-- <script async src="//js-sec.indexww.com/ht/p/184901-208206248649346.js"></script> -->

        <script type="text/javascript">
        //<![CDATA[
        //ADBRIDG MIGRATION: Load the Adbridg library directly after the GPT library. 
        var AdBridg = AdBridg || {};
        AdBridg.cmd = AdBridg.cmd || [];
        window.adbridgFallback = function() {
                console.log('ADBRIDG MIGRATION: library failed to load; falling back to GPT');
        var dq = [], l = [], ls = {}, lf = [], es;
        var rl = function(f) {return function(){var a=arguments, x=function(){f.apply(null,a)};lf.push(x);pl()}}
        var pl = function() {if(!l.length){while(lf.length){(lf.shift())()}}}
        dq.process = function() { while(dq.length) { googletag.display(dq.shift()); }}
        AdBridg.defineSlot = function(p, s, d) { return googletag.defineSlot(p, s, d).addService(googletag.pubads()); }
        AdBridg.defineOutOfPageSlot = function(p, d) { return googletag.defineOutOfPageSlot(p, d).addService(googletag.pubads()); }
        AdBridg.destroySlots = function(s) { return googletag.destroySlots(s); }
        AdBridg.display = function(d) { dq.push(d); if (es) { dq.process(); }}
        AdBridg.refresh = function(s, o) { googletag.pubads().refresh(s, o); }
        AdBridg.render = function() { }
        AdBridg.serve = function() { googletag.enableServices(); es=1; dq.process(); }
        AdBridg.sizeMapping = function() { return googletag.sizeMapping(); }
        AdBridg.useSizeMapping = function() { }
        AdBridg.lock = function(s) {if(ls[s]){ls[s]=null;return;}l.push(s);pl()}
        AdBridg.unlock = function(s) {var f=0; for(var i=0;i<l.length;++i){if(l[i]==s){l.splice(i,1);f=1}}; if(!f){ls[s]=1} pl()}
                AdBridg.cmd.push = function(f) {
                        if (typeof(f)=='object') {
                                var api_fallback = function(o) {
                                        googletag.cmd.push(function() {
                                                var fl;
                                                if (o.gpt_path) {
                                                        var u=AdBridg.defineSlot(o.gpt_path,o.size||[],o.dom_id);
                                                        if(o.size_map) {
                                                                var m = googletag.sizeMapping();
                                                                for(var oi=0;oi<o.size_map.length;oi++){m=m.addSize(o.size_map[oi].viewport, o.size_map[oi].sizes);}
                                                                u.defineSizeMapping(m.build());
                                                        }
                                                        if(o.events) {
                                                                if(o.events["gpt.defined"]){o.events["gpt.defined"](u);}
                                                                fl = function(a,b){if(o.events[a]){googletag.pubads().addEventListener(b,function(e){if(e.slot===u){o.events[a](u,e)}})}}
                                                                fl("gpt.rendered",'slotRenderEnded');
                                                                fl("gpt.viewed",'impressionViewable');
                                                                fl("gpt.visibilityChanged",'slotVisibilityChanged');
                                                        }
                                                } else if (o.events) {
                                                        fl = function(a,b){if(o.events[a]){googletag.pubads().addEventListener(b,function(e){o.events[a](a,e)})}}
                                                        fl("gpt.render_raw",'slotRenderEnded');
                                                        fl("gpt.viewed_raw",'impressionViewable');
                                                }
                                        });
                                }
                                if(f.length){for(var i=0;i<f.length;++i){api_fallback(f[i]);}}else{api_fallback(f);}
                                f=function(){AdBridg.serve()}
                        }
                        return googletag.cmd.push(f);
                }
                while (AdBridg.cmd.length) { AdBridg.cmd.push(AdBridg.cmd.shift()); }
        };
        fireOrSaveJsFunctions(1, function() {
                (function() {
              var adb = document.createElement("script");
              adb.async = true;
              adb.type = "text/javascript";
              adb.src = '//prod.adspsp.com/adb.2418030m.min.js';
              var node = document.getElementsByTagName('script')[0];
              node.parentNode.insertBefore(adb, node);

              // Return control to GPT if the AdBridg library fails to load.
              adb.onerror = function() {
                if (AdBridg.exists) { return; }
                document.createElement('IMG').src = '//adspsp.com/pt/2418030/3/1/?e=0';
                window.adbridgFallback();
              }
          })();
        });
        //]]>
        </script><!-- Load DFP -->

        <script type="text/javascript">
        //<![CDATA[
        var googletag = googletag || { };
        googletag.cmd = googletag.cmd || [ ];
        fireOrSaveJsFunctions(1,function(){
                (function() {
                        var gads = document.createElement("script");
                        gads.async = true;
                        gads.type = "text/javascript";
                        var useSSL = "https:" == document.location.protocol;
                        gads.src = (useSSL ? "https:" : "http:") + "//www.googletagservices.com/tag/js/gpt.js";
                        var node =document.getElementsByTagName("script")[0];
                        node.parentNode.insertBefore(gads, node);
                })();
        });
        //]]>
        </script><!--New header bidding-->

        <script>
        <![CDATA[
        var amzn_win=window,amzn_c=5,amzn_x=0;while(amzn_x<amzn_c){amzn_win=amzn_win.parent;if(amzn_win.apstag)try{amzn_win.apstag.renderImp(document,"%%PATTERN:amzniid%%");amzn_x=amzn_c}catch(e){}amzn_x++};
        ]]>
        </script>
        <script type="text/javascript">
        //<![CDATA[
        fireOrSaveGoogleAdFunctions(function() {
                AdBridg.cmd.push(function () {
                        // ADBRIDG MIGRATION: this command to set AdSense is one of the few
                        // GPT commands that should not be replaced with our library proxy.
                        googletag.pubads().set("adsense_background_color", "FFFFFF");
                });
        });
        //]]>
        </script>
        <script type="text/javascript">
        //<![CDATA[
        var googleDegfaultAdVars = {"main":"'neurology'","sub":"'biology-biochemistry', 'psychology-psychiatry'","k1":"'otherneurologicaldisorders'","k2":"'neurological'","k3":"'health'","uniq":"'318674'","msiteactive":"'False'"};
        var googleAdSlotInfo = [];
        //]]>
        </script><!-- End of old ads area -->

        <script type="text/javascript">
        //<![CDATA[
        //Page level targeting setup
        var adRPV = Math.floor(Math.random()*100)+1;
        adRPV = adRPV.toString();

        fireOrSaveGoogleAdFunctions(function(){
        // ADBRIDG MIGRATION: the `cmd` function needs to run through AdBridg, but the
        // setTargeting methods should stay native to GPT.
        AdBridg.cmd.push(function() {
        googletag.pubads().setTargeting('rpv', adRPV);
        //We need to add a new key for 'url'
        googletag.pubads().setTargeting('url', encodeURI(location.pathname));

        //Set default targeting first
            if (typeof googleDegfaultAdVars !== "undefined") {
            for (var k in googleDegfaultAdVars) {
                if (k == "sub" || googleDegfaultAdVars[k].toString().indexOf(",") > -1) {
                    var finalOutput = googleDegfaultAdVars[k].split(',');
                    //Remove the single qoute
                    for (var i in finalOutput) {
                        if (finalOutput[i].trim().toString().indexOf("'") == 0) {
                            finalOutput[i] = finalOutput[i].trim().slice(1, -1);
                        } else {
                                                finalOutput[i] = finalOutput[i].trim();
                        }
                    }
                } else {
                    if (googleDegfaultAdVars[k].toString().indexOf("'") == 0) {
                        //if it got single qoute inside, we remove it
                        var finalOutput = googleDegfaultAdVars[k].slice(1, -1);
                    } else {
                        var finalOutput = googleDegfaultAdVars[k];
                    }
                }
                googletag.pubads().setTargeting(k, finalOutput);
            }
        }
        //googletag.pubads().enableAsyncRendering(); // enable async loading
        // Disable initial load, we will use refresh() to fetch ads.
        // Calling this function means that display() calls just
        // register the slot as ready, but do not fetch ads for it.
        // googletag.pubads().disableInitialLoad();
        //     googletag.pubads().enableSingleRequest();
        // googletag.pubads().enableLazyLoad({
        //     fetchMarginPercent: 50,  // Fetch slots within 5 viewports.
        //     renderMarginPercent: 30,  // Render slots within 2 viewports.
        //     mobileScaling: 2.0  // Double the above values on mobile.
        // });
        // googletag.enableServices();
        // ADBRIDG MIGRATION: by default, we enable single request, disable initial
        // load, and async rendering is enabled by default (GPT no longer supports
        // synchronous rendering as of 2019-01-21.)
        // All we need to do now is tell AdBridg to begin serving the ads.
        // AdBridg.serve();
        // console.log("serve happened in page level");

        });
        });
        //]]>
        </script>
        <script>
        <![CDATA[
        // check viewport for resize events and reload ads (1000ms delay)
        var resizeTimer;
        var width = window.innerWidth;

        function resizer() {
        //Check to see if the width is changed 
        var newWidth = window.innerWidth;
        if (width != newWidth) {
                // check if we've crossed a break point (only need to refresh if crossing the 1000px break point)
                if (width >= 1000 && newWidth < 1000) {
                        
                                                        // DECREASE IN WIDTH
                                fireOrSaveGoogleAdFunctions(function() {
                                        AdBridg.cmd.push(function () {
                                                if (typeof window.DLB1 !== "undefined") {
                                                        AdBridg.refresh([window.DLB1]);
                                                }
                                        });
                                });
                        
                        // send resize+refresh event
                        fireOrSaveJsFunctions(0,function() {ga('send', 'event', { eventCategory: 'Browser Width', eventAction: 'Resize / Shrink / Ad refresh', eventLabel: 'Resize / Shrink / Ad refresh'});});
                        
                } else if (width < 1000 && newWidth >= 1000) {
                        
                        // INCREASE IN WIDTH
                        // 
                                                        if(typeof window.DLB1 !== "undefined"){
                                        AdBridg.refresh([window.DLB1]); 
                                }
                                                
                        // send resize+refresh event
                        fireOrSaveJsFunctions(0,function() {ga('send', 'event', { eventCategory: 'Browser Width', eventAction: 'Resize / Grow / Ad refresh', eventLabel: 'Resize / Grow / Ad refresh'});});
                        
                } else {
                        // send resize event
                        fireOrSaveJsFunctions(0,function() {ga('send', 'event', { eventCategory: 'Browser Width', eventAction: 'Resize / No ad refresh', eventLabel: 'Resize / No ad refresh'});});
                }
        }

        width = newWidth;
        }

        window.addEventListener("resize", function(){ 
        clearTimeout(resizeTimer);
        resizeTimer = setTimeout(resizer, 1000);
        });

        ]]>
        </script><!--New header bidding-->

        <script>
        <![CDATA[
                !function(a9,a,p,s,t,A,g){if(a[a9])return;function q(c,r){a[a9]._Q.push([c,r])}a[a9]={init:function(){q("i",arguments)},fetchBids:function(){q("f",arguments)},setDisplayBids:function(){},_Q:[]};A=p.createElement(s);A.async=!0;A.src=t;g=p.getElementsByTagName(s)[0];g.parentNode.insertBefore(A,g)}("apstag",window,document,"script","//c.amazon-adsystem.com/aax2/apstag.js");


                var initParams = {
                        pubID: '3083',
                        adServer: 'googletag'
                };


                fireOrSaveJsFunctions(1,function(){

                        if (passEEACheck||(isEEA&&glob_mntcookie)) {
                                __cmp('getConsentData', null, function(vendorConsentData, success) {
                                        
                                        initParams.gdpr = { enabled: true, consent: vendorConsentData.metadata };
                                        apstag.init(initParams);
                                });
                        } else {
                                apstag.init(initParams);
                        }

         })

        ]]>
        </script>
        <script type="text/javascript">
        //<![CDATA[
        this.top.location!==this.location&&(this.top.location=this.location);
        //]]>
        </script>
        <style>
        <![CDATA[
        .async-hide { opacity: 0 !important} 
        ]]>
        </style>
        <script>
        <![CDATA[
        (function(a,s,y,n,c,h,i,d,e){s.className+=' '+y;h.start=1*new Date;
        h.end=i=function(){s.className=s.className.replace(RegExp(' ?'+y),'')};
        (a[n]=a[n]||[]).hide=h;setTimeout(function(){i();h.end=null},c);h.timeout=c;
        })(window,document.documentElement,'async-hide','dataLayer',4000,
        {'GTM-W59HFNJ':true});
        ]]>
        </script>
        <script type="text/javascript">
        //<![CDATA[

                        <!-- GA Universal Code 2014-08 (obfuscated) -->

                        eval(function(p,a,c,k,e,d){e=function(c){return(c<a?'':e(parseInt(c/a)))+((c=c%a)>35?String.fromCharCode(c+29):c.toString(36))};while(c--){if(k[c]){p=p.replace(new RegExp('\\b'+e(c)+'\\b','g'),k[c])}}return p}('5(-1,2(){(2(i,s,o,g,r,a,m){i[\'c\']=r;i[r]=i[r]||2(){(i[r].q=i[r].q||[]).e(d)},i[r].l=1*j h();a=s.b(o),m=s.6(o)[0];a.7=1;a.8=g;m.9.k(a,m)})(y,A,\'z\',\'//x.n-3.t/3.u\',\'4\')});5(-1,2(){4(\'v\',\'p-w-1\',\'f\')});',37,37,'||function|analytics|ga|fireOrSaveJsFunctions|getElementsByTagName|async|src|parentNode||createElement|GoogleAnalyticsObject|arguments|push|auto||Date||new|insertBefore|||google||UA||||com|js|create|849615|www|window|script|document'.split('|')))


        //]]>
        </script>
        <script type="text/javascript">
        //<![CDATA[
        /*
        CSS Browser Selector v0.4.0 (Nov 02, 2010)
        Rafael Lima (http://rafael.adm.br)
        http://rafael.adm.br/css_browser_selector
        License: http://creativecommons.org/licenses/by/2.5/
        Contributors: http://rafael.adm.br/css_browser_selector#contributors
        */
        function css_browser_selector(u){var ua=u.toLowerCase(),is=function(t){return ua.indexOf(t)>-1},g='gecko',w='webkit',s='safari',o='opera',m='mobile',h=document.documentElement,b=[(!(/opera|webtv/i.test(ua))&&/msie\s(\d)/.test(ua))?('ie ie'+RegExp.$1):is('firefox/2')?g+' ff2':is('firefox/3.5')?g+' ff3 ff3_5':is('firefox/3.6')?g+' ff3 ff3_6':is('firefox/3')?g+' ff3':is('gecko/')?g:is('opera')?o+(/version\/(\d+)/.test(ua)?' '+o+RegExp.$1:(/opera(\s|\/)(\d+)/.test(ua)?' '+o+RegExp.$2:'')):is('konqueror')?'konqueror':is('blackberry')?m+' blackberry':is('android')?m+' android':is('chrome')?w+' chrome':is('iron')?w+' iron':is('applewebkit/')?w+' '+s+(/version\/(\d+)/.test(ua)?' '+s+RegExp.$1:''):is('mozilla/')?g:'',is('j2me')?m+' j2me':is('iphone')?m+' iphone':is('ipod')?m+' ipod':is('ipad')?m+' ipad':is('mac')?'mac':is('darwin')?'mac':is('webtv')?'webtv':is('win')?'win'+(is('windows nt 6.0')?' vista':''):is('freebsd')?'freebsd':(is('x11')||is('linux'))?'linux':'','js']; c = b.join(' '); h.className += ' '+c; return c;}; css_browser_selector(navigator.userAgent);
        //]]>
        </script>
        <script type="text/javascript">
        //<![CDATA[
        var viewportWidth = Math.max(document.documentElement.clientWidth, window.innerWidth || 0);
        var viewportHeight = Math.max(document.documentElement.clientHeight, window.innerHeight || 0);

        switch (true) {
                case viewportWidth > 1360:
                        var viewportBreakpoint = 'Desktop - XL';
                        break;
                case viewportWidth > 1200:
                        var viewportBreakpoint = 'Desktop - L';
                        break;
                case viewportWidth > 1000:
                        var viewportBreakpoint = 'Desktop - M';
                        break;
                default:
                        var viewportBreakpoint = 'Desktop - S';
        }

        fireOrSaveJsFunctions(0,function() {ga('set', 'dimension20', viewportBreakpoint);});

        fireOrSaveJsFunctions(0,function() {ga('set', {
        'dimension1': "no",
        'dimension2': "written",
        'dimension3': "Neurology / Neuroscience",
        'dimension5': "older",
        'dimension6': "desktop",
        'dimension8': "3",
        'dimension12': "2017-07-27",
        'dimension17': "7721",
        'dimension21': "2",
        'dimension23': "Ana Sandoiu",
        'dimension24': "Biology / Biochemistry",
        'dimension25': "Psychology / Psychiatry",
        'dimension27': "1",
        'dimension28': "otherneurologicaldisorders",
        'dimension29': "neurological"
        });});

        if (window.devicePixelRatio) {
        var pixelRatio = (window.devicePixelRatio >= 1.5) ? "HiDPI" : "1X";
        fireOrSaveJsFunctions(0,function() {ga('set', 'dimension7', pixelRatio);});
        }

        fireOrSaveJsFunctions(0,function() {ga('set', 'dimension10', viewportWidth);});
        fireOrSaveJsFunctions(0,function() {ga('set', 'dimension11', viewportHeight);});
        fireOrSaveJsFunctions(0,function() {ga('set', 'dimension16', 'None');});fireOrSaveJsFunctions(0,function() {ga('require', 'GTM-W59HFNJ');});
        fireOrSaveJsFunctions(0,function() {ga('send', 'pageview');});

        setTimeout("fireOrSaveJsFunctions(0,function() {ga('send','event','Engagement Time','Engagement 030','318674')});",30000)
        setTimeout("fireOrSaveJsFunctions(0,function() {ga('send','event','Engagement Time','Engagement 040','318674')});",40000)
        setTimeout("fireOrSaveJsFunctions(0,function() {ga('send','event','Engagement Time','Engagement 050','318674')});",50000)
        setTimeout("fireOrSaveJsFunctions(0,function() {ga('send','event','Engagement Time','Engagement 060','318674')});",60000)
        setTimeout("fireOrSaveJsFunctions(0,function() {ga('send','event','Engagement Time','Engagement 070','318674')});",70000)
        setTimeout("fireOrSaveJsFunctions(0,function() {ga('send','event','Engagement Time','Engagement 080','318674')});",80000)
        setTimeout("fireOrSaveJsFunctions(0,function() {ga('send','event','Engagement Time','Engagement 090','318674')});",90000)
        setTimeout("fireOrSaveJsFunctions(0,function() {ga('send','event','Engagement Time','Engagement 100','318674')});",100000)
        setTimeout("fireOrSaveJsFunctions(0,function() {ga('send','event','Engagement Time','Engagement 110','318674')});",110000)
        setTimeout("fireOrSaveJsFunctions(0,function() {ga('send','event','Engagement Time','Engagement 120','318674')});",120000)
        setTimeout("fireOrSaveJsFunctions(0,function() {ga('send','event','Engagement Time','Engagement 130','318674')});",130000)
        setTimeout("fireOrSaveJsFunctions(0,function() {ga('send','event','Engagement Time','Engagement 140','318674')});",140000)
        setTimeout("fireOrSaveJsFunctions(0,function() {ga('send','event','Engagement Time','Engagement 150','318674')});",150000)
        //]]>
        </script>
        <script>
        <![CDATA[
        fireOrSaveJsFunctions(1,function() {

                var _qevents = _qevents || [];

                (function() {
                        var elem = document.createElement('script');
                        //elem.src = (document.location.protocol == "https:" ? "https://secure" : "http://edge") + ".quantserve.com/quant.js";
                        elem.src = (document.location.protocol == "https:" ? "https://" : "http://") + "cdn1.medicalnewstoday.com/structure/javascript/cache/quant.js";
                        elem.async = true;
                        elem.type = "text/javascript";
                        var scpt = document.getElementsByTagName('script')[0];
                        scpt.parentNode.insertBefore(elem, scpt);
                })();

                _qevents.push({
                        qacct:"p-v03RmX3GES6RT"
                });
        });


        ]]>
        </script>
        <script>
        <![CDATA[
        fireOrSaveJsFunctions(1,function() {

                window._comscore = window._comscore || [];
                window._comscore.push({ c1: "2", c2: "19983957" });
                (function() {
                        var s = document.createElement("script"), el = document.getElementsByTagName("script")[0]; s.async = true;
                        //s.src = (document.location.protocol == "https:" ? "https://sb" : "http://b") + ".scorecardresearch.com/beacon.js";
                        s.src = (document.location.protocol == "https:" ? "https://" : "http://") + "cdn1.medicalnewstoday.com/structure/javascript/cache/beacon.js";
                        el.parentNode.insertBefore(s, el);
                })();

        })

        ]]>
        </script> <noscript><img class="no_js" src="https://sb.scorecardresearch.com/p?c1=2&amp;c2=19983957&amp;cv=2.0&amp;cj=1" /></noscript>
        <style type="text/css">
        /*<![CDATA[*/
                /*.mnt_dlb_foot_container { display:block; width: 728px; height: 90px; }*/
                /*@media (min-width: 990px) { .mnt_dlb_foot_container { display: none; } }
                @media (min-width:1148px) { .mnt_dlb_foot_container { display:block;} }*/
        /*]]>*/
        </style>
    </head>
    <body>
        <script>
        <![CDATA[


        fireOrSaveJsFunctions(1,function() {

                !function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?
                        n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;
                        n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;
                        t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,
                        document,'script','https://connect.facebook.net/en_US/fbevents.js');

                fbq('init', '1039134266174910');
                fbq('track', "PageView");

                fbq('track', 'ViewContent');

        });


        ]]>
        </script> <noscript><img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id=1039134266174910&amp;ev=PageView&amp;noscript=1" /></noscript> <!-- Source: /controltag?confid=qqeynsltk&site=medical%20news%20today&edit=1 -->
        <script class="kxct" data-id="qqeynsltk" data-timing="async" data-version="1.9" type="text/javascript">
        //<![CDATA[

        fireOrSaveJsFunctions(1,function() {
                window.Krux || ((Krux = function () {
                        Krux.q.push(arguments)
                }).q = []);
                (function () {
                        var k = document.createElement('script');
                        k.type = 'text/javascript';
                        k.async = true;
                        var m, src = (m = location.href.match(/\bkxsrc=([^&]+)/)) && decodeURIComponent(m[1]);
                        k.src = /^https?:\/\/([a-z0-9_\-\.]+\.)?krxd\.net(:\d{1,5})?\//i.test(src) ? src : src === "disable" ? "" :
                        (location.protocol === "https:" ? "https:" : "http:") + "//cdn.krxd.net/controltag?confid=qqeynsltk";
                        var s = document.getElementsByTagName('script')[0];
                        s.parentNode.insertBefore(k, s);
                }());
        });
        //]]>
        </script> <!-- Facebook Pixel Code -->
        <script>
        <![CDATA[


        fireOrSaveJsFunctions(1,function() {

                !function (f, b, e, v, n, t, s) {
                        if (f.fbq)return;
                        n = f.fbq = function () {
                                n.callMethod ?
                                        n.callMethod.apply(n, arguments) : n.queue.push(arguments)
                        };
                        if (!f._fbq)f._fbq = n;
                        n.push = n;
                        n.loaded = !0;
                        n.version = '2.0';
                        n.queue = [];
                        t = b.createElement(e);
                        t.async = !0;
                        t.src = v;
                        s = b.getElementsByTagName(e)[0];
                        s.parentNode.insertBefore(t, s)
                }(window,
                        document, 'script', 'https://connect.facebook.net/en_US/fbevents.js');

                fbq('init', '1039134266174910');
                fbq('track', "PageView");
        });
        ]]>
        </script> <noscript><img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id=1039134266174910&amp;ev=PageView&amp;noscript=1" /></noscript> <!--Moat content code-->
        <script>
        <![CDATA[


        fireOrSaveJsFunctions(1,function(){

                (function(){function t(){for(var a=[8],e=1;2>=e;e++)a.push(8+e),a.push(8-e);a=a[Math.floor(Math.random()*a.length)];return{b:a,a:0==Math.floor(Math.random()*a)}}function k(a){var e=a=a.replace(":","");try{for(var b=0;100>b&&(a=decodeURIComponent(a),e!=a)&&!a.match(/^http(s)?\:/);b++)e=a}catch(c){}return a.replace(/(^\s+|\s+$)/g,"")}try{if(!location||!location.hostname||!location.pathname)return!1;var c=document.location.hostname.replace(/^www\./,""),u=function(){for(var a,b=document.getElementsByTagName("meta"),c,d=0,f=b.length;d<f;d++)if(c=b[d],"og:title"===c.getAttribute("property")){a=c.getAttribute("content");break}a||(a=document.title||"Untitled");return a}(),b={},b=function(a,b,c){a.l1=b;a.l2=c;a.l3="__page__";a.l4="-";return a}(b,c,u),l=(new Date).getTime(),m=Math.floor(Math.random()*Math.pow(10,12)),d,f;f=t();f.a?d=f.b:d=0;b.zmoatab_cm=d;b.t=l;b.de=m;b.zMoatAB_SNPT=!0;var g;d?g=d:g=1;var n;n=f?f.a?!0:!1:!0;var c=[],p=[k(b.l1),k(b.l2),k(b.l3),k(b.l4)].join(":"),v="https://wve3oiypgri4-a.akamaihd.net/z.gif?e=17&d="+
                        encodeURIComponent(p)+"&de="+m+"&t="+l+"&i=HEALTHLINECONTENT1&cm="+g+"&mp=1&ac=1&pl=1&bq=10&vc=2&cs=0",w="https://px.moatads.com/pixel.gif?e=17&d="+encodeURIComponent(p)+"&de="+m+"&t="+l+"&i=HEALTHLINECONTENT1&cm="+g+"&mp=0&ac=1&pl=1&bq=10&ad_type=img&vc=2&cs=0",x="https://px.moatads.com/pixel.gif?e=17&d="+encodeURIComponent(p)+"&de="+m+"&t="+l+"&i=HEALTHLINECONTENT1&cm="+g+"&ku=1&ac=1&pl=1&bq=10&ad_type=img&vc=2&cs=0";n&&((new Image).src=v,(new Image).src=w);for(var q in b)c.push(q+"="+encodeURIComponent(b[q]));
                        var c=c.join("&"),c=c+"&vc=2",h=document.createElement("script");h.type="text/javascript";h.async=!0;n&&(h.onerror=function(){(new Image).src=x});var r=document.getElementsByTagName("script")[0];r.parentNode.insertBefore(h,r);h.src="https://z.moatads.com/healthlinecontent451781663455/moatcontent.js#"+c}catch(a){try{var y="//pixel.moatads.com/pixel.gif?e=24&d=data%3Adata%3Adata%3Adata&i=MOATCONTENTABSNIPPET1&vc=2&ac=1&k="+encodeURIComponent(a)+"&j="+encodeURIComponent(document.referrer)+"&cs="+(new Date).getTime();
                        (new Image).src=y}catch(e){}}})();


        });

        ]]>
        </script>
        <link rel="amphtml" href="https://www.medicalnewstoday.com/articles/amp/318674" />
        <div itemscope="itemscope" itemtype="http://schema.org/NewsArticle">
            <noscript>
            <div class="header_message enable_js error">
                <p>
                    For full functionality, it is necessary to enable JavaScript. Here are <a href="http://www.enable-javascript.com" target="_blank">instructions how to enable JavaScript</a> in your web browser.
                </p>
            </div>
            <div class="fullscreen_outer">
                <div class="fullscreen_inner">
                    <h5>
                        Welcome to Medical News Today
                    </h5>
                    <p>
                        Healthline Media, Inc. would like to process and share personal data (e.g., mobile ad id) and data about your use of our site (e.g., content interests) with our third party partners (see a <a href="https://www.medicalnewstoday.com/privacy-policy#vendors" target="_blank">current list</a>) using cookies and similar automatic collection tools in order to a) personalize content and/or offers on our site or other sites, b) communicate with you upon request, and/or c) for additional reasons upon notice and, when applicable, with your consent.
                    </p>
                    <p>
                        Healthline Media, Inc. is based in and operates this site from the United States. Any data you provide will be primarily stored and processed in the United States, pursuant to the laws of the United States, which may provide lesser privacy protections than European Economic Area countries.
                    </p>
                    <p>
                        By clicking “accept” below, you acknowledge and grant your consent for these activities unless and until you withdraw your consent using our <a href="https://www.healthline.com/rights-request" target="_blank">rights request form</a>. Learn more in our <a href="https://www.medicalnewstoday.com/privacy-policy" target="_blank">Privacy Policy</a>.
                    </p>
                </div>
            </div></noscript>
            <div id="header_message" class="new_menu">
                <input type="hidden" id="is_usermobile" name="is_usermobile" value="0" />
            </div>
            <div id="navigation" class="container default_menu new_menu">
                <div class="row">
                    <nav role="navigation" class="main_nav">
                        <ul class="main_nav left">
                            <li class="menu_topics">
                                <a href="#"></a>
                                <div class="menu_panel fullscreen_outer topics">
                                    <div class="menu_panel fullscreen_inner">
                                        <div class="row">
                                            <div class="topics">
                                                <div class="menu_topic_container">
                                                    <ul class="topic_headings">
                                                        <li class="topic_headings_top">
                                                            <span>Top categories</span>
                                                            <ul class="topic_popular_list">
                                                                <li>
                                                                    <a href="/categories/blood">Blood / Hematology</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/bones">Bones / Orthopedics</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/breast_cancer">Breast Cancer</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/colorectal_cancer">Colorectal Cancer</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/depression">Depression</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/gastrointestinal">GastroIntestinal</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/hypertension">Hypertension</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/lymphoma">Lymphoma</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/mens_health">Men's Health</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/neurology">Neurology / Neuroscience</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/nutrition-diet">Nutrition / Diet</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/pain">Pain / Anesthetics</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/prostate">Prostate / Prostate Cancer</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/psoriasis">Psoriasis</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/respiratory">Respiratory</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/sexual_health">Sexual Health / STDs</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/stroke">Stroke</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/tuberculosis">Tuberculosis</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/urology-nephrology">Urology / Nephrology</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/womens_health">Women's Health</a>
                                                                </li>
                                                            </ul>
                                                        </li>
                                                        <li class="topic_headings_all">
                                                            <span>All categories</span>
                                                            <ul class="topic_all_list">
                                                                <li>
                                                                    <a href="/categories#a">A - B</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories#c">C - D</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories#e">E - G</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories#h">H - L</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories#m">M - O</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories#p">P - R</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories#s">S - Z</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories">All Topics</a>
                                                                </li>
                                                            </ul>
                                                        </li>
                                                        <li class="topic_headings_custom">
                                                            <span>Your MNT</span>
                                                            <ul class="topic_custom_list">
                                                                <h4>
                                                                    Not a member yet?
                                                                </h4>
                                                                <p>
                                                                    Get the most out of Medical News Today. Subscribe to our Newsletter to recieve:
                                                                </p>
                                                                <ul>
                                                                    <li>Professionally-verified articles
                                                                    </li>
                                                                    <li>Daily or weekly updates
                                                                    </li>
                                                                    <li>Content custom-tailored to your needs
                                                                    </li>
                                                                </ul><button class="sign_up menu_signup_button new_reg_signup">Create an account</button>
                                                            </ul>
                                                        </li>
                                                    </ul>
                                                </div>
                                                <div class="menu_cta_container">
                                                    <span>More</span>
                                                    <ul class="topic_more_list">
                                                        <li class="menu_newsletter_cta">
                                                            <a href="#" class="new_reg_signup menu_item_link">Sign up for our newsletter</a>
                                                        </li>
                                                        <li class="menu_discover_cta">
                                                            <a href="/knowledge-center"><img src="https://cdn1.medicalnewstoday.com/structure/images/logo/logo-menu-cta-2017.png" height="15" width="34" />Discover in-depth, condition specific articles written by our in-house team.</a>
                                                        </li>
                                                    </ul>
                                                </div>
                                            </div>
                                        </div>
                                    </div>
                                </div>
                            </li>
                            <li class="menu_newsletter">
                                <a href="#" class="menu-newsletter-link new_reg_signup">
                                <div>
                                    Newsletter
                                </div></a>
                            </li>
                        </ul>
                        <div class="logo">
                            <a href="/" accesskey="h" title="Medical News Today : Home"><img src="https://cdn1.medicalnewstoday.com/structure/images/logo/logo-2017-640-60.png" alt="MNT home" />
                            <p>
                                MNT - Hourly Medical News Since 2003
                            </p></a>
                        </div>
                        <ul class="main_nav right">
                            <div id="search_area">
                                <div id="searchwrapper" class="">
                                    <div class="search_trigger">
                                        <form id="searchFormHeader" action="/search" name="searchFormHeader">
                                            <input type="text" id="header_search" placeholder="" class="searchbox" name="q" maxlength="150" autocomplete="off" /> <button class="screen_only black float_right" id="header_search_button" type="submit" title="Search MNT" value="">Search</button> <button class="mobile_only blue float_right" id="header_search_button" type="submit" title="Search MNT" value="">Go</button> <input type="hidden" name="p" value="1" />
                                        </form>
                                    </div>
                                </div>
                            </div>
                            <li class="menu_login">
                                <a href="#" id="menu_login_link">
                                <div>
                                    Log in
                                </div></a>
                            </li>
                        </ul>
                    </nav>
                </div>
            </div>
            <div id="navigation_scroll" class="container light">
                <div class="row">
                    <nav id="subnavigation">
                        <ul class="main_nav left">
                            <li class="menu_topics">
                                <a href="#"></a>
                                <div class="menu_panel fullscreen_outer topics">
                                    <div class="menu_panel fullscreen_inner">
                                        <div class="row">
                                            <div class="topics">
                                                <div class="menu_topic_container">
                                                    <ul class="topic_headings">
                                                        <li class="topic_headings_top">
                                                            <span>Top categories</span>
                                                            <ul class="topic_popular_list">
                                                                <li>
                                                                    <a href="/categories/blood">Blood / Hematology</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/bones">Bones / Orthopedics</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/breast_cancer">Breast Cancer</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/colorectal_cancer">Colorectal Cancer</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/depression">Depression</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/gastrointestinal">GastroIntestinal</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/hypertension">Hypertension</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/lymphoma">Lymphoma</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/mens_health">Men's Health</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/neurology">Neurology / Neuroscience</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/nutrition-diet">Nutrition / Diet</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/pain">Pain / Anesthetics</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/prostate">Prostate / Prostate Cancer</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/psoriasis">Psoriasis</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/respiratory">Respiratory</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/sexual_health">Sexual Health / STDs</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/stroke">Stroke</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/tuberculosis">Tuberculosis</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/urology-nephrology">Urology / Nephrology</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories/womens_health">Women's Health</a>
                                                                </li>
                                                            </ul>
                                                        </li>
                                                        <li class="topic_headings_all">
                                                            <span>All categories</span>
                                                            <ul class="topic_all_list">
                                                                <li>
                                                                    <a href="/categories#a">A - B</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories#c">C - D</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories#e">E - G</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories#h">H - L</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories#m">M - O</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories#p">P - R</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories#s">S - Z</a>
                                                                </li>
                                                                <li>
                                                                    <a href="/categories">All Topics</a>
                                                                </li>
                                                            </ul>
                                                        </li>
                                                        <li class="topic_headings_custom">
                                                            <span>Your MNT</span>
                                                            <ul class="topic_custom_list">
                                                                <h4>
                                                                    Not a member yet?
                                                                </h4>
                                                                <p>
                                                                    Get the most out of Medical News Today. Subscribe to our Newsletter to recieve:
                                                                </p>
                                                                <ul>
                                                                    <li>Professionally-verified articles
                                                                    </li>
                                                                    <li>Daily or weekly updates
                                                                    </li>
                                                                    <li>Content custom-tailored to your needs
                                                                    </li>
                                                                </ul><button class="sign_up menu_signup_button new_reg_signup">Create an account</button>
                                                            </ul>
                                                        </li>
                                                    </ul>
                                                </div>
                                                <div class="menu_cta_container">
                                                    <span>More</span>
                                                    <ul class="topic_more_list">
                                                        <li class="menu_newsletter_cta">
                                                            <a href="#" class="new_reg_signup menu_item_link">Sign up for our newsletter</a>
                                                        </li>
                                                        <li class="menu_discover_cta">
                                                            <a href="/knowledge-center"><img src="https://cdn1.medicalnewstoday.com/structure/images/logo/logo-menu-cta-2017.png" height="15" width="34" />Discover in-depth, condition specific articles written by our in-house team.</a>
                                                        </li>
                                                    </ul>
                                                </div>
                                            </div>
                                        </div>
                                    </div>
                                </div>
                            </li>
                            <li class="menu_newsletter">
                                <a href="#" class="menu-newsletter-link new_reg_signup">
                                <div>
                                    Newsletter
                                </div></a>
                            </li>
                        </ul>
                        <div class="logo">
                            <a href="/" accesskey="h" title="Medical News Today : Home"><img src="https://cdn1.medicalnewstoday.com/structure/images/logo/logo-2017-640-60.png" alt="MNT home" />
                            <p>
                                MNT - Hourly Medical News Since 2003
                            </p></a>
                        </div>
                        <ul class="main_nav right">
                            <div id="search_area">
                                <div id="searchwrapper" class="">
                                    <div class="search_trigger">
                                        <form id="searchFormHeader" action="/search" name="searchFormHeader">
                                            <input type="text" id="header_search" placeholder="" class="searchbox" name="q" maxlength="150" autocomplete="off" /> <button class="screen_only black float_right" id="header_search_button" type="submit" title="Search MNT" value="">Search</button> <button class="mobile_only blue float_right" id="header_search_button" type="submit" title="Search MNT" value="">Go</button> <input type="hidden" name="p" value="1" />
                                        </form>
                                    </div>
                                </div>
                            </div>
                            <li class="menu_login">
                                <a href="#" id="menu_login_link">
                                <div>
                                    Login
                                </div></a>
                            </li>
                        </ul>
                    </nav>
                </div>
            </div>
            <div class="modal fade" id="picModal" tabindex="-1" role="dialog" style="z-index: 1040; padding-left:0;">
                <div class="modal-dialog" role="document">
                    <div class="modal-content" style="">
                        <div class="modal-header"></div>
                        <div class="modal-body" style="text-align: center;">
                            <div id="picModal-loading-animation">
                                <span class="sr-only">Loading...</span>
                            </div><img id="origin-img" src="" />
                        </div>
                    </div>
                </div>
            </div>
            <div class="modal fade site_modal modal_gdpr" tabindex="-1" role="dialog" aria-hidden="true" id="gdprModal" data-backdrop="static" data-keyboard="false">
                <div class="modal-dialog" role="document">
                    <div class="modal-content">
                        <div class="modal-header"></div>
                        <div class="modal-body container" onscroll="modalScroll()">
                            <div class="fullscreen_outer article_header">
                                <div class="fullscreen_inner">
                                    <h5>
                                        Please accept our privacy terms
                                    </h5>
                                    <p>
                                        We use cookies and similar technologies to improve your browsing experience, personalize content and offers, show targeted ads, analyze traffic, and better understand you. We may share your information with third-party partners for marketing purposes. To learn more and make choices about data use, visit our <a href="https://www.medicalnewstoday.com/advertising" target="_blank">Advertising Policy</a> and <a href="https://www.medicalnewstoday.com/privacy-policy" target="_blank">Privacy Policy</a>. By clicking “Accept and Continue” below, (1) you consent to these activities unless and until you withdraw your consent using our rights request form, and (2) you consent to allow your data to be transferred, processed, and stored in the United States.
                                    </p>
                                </div>
                            </div>
                        </div>
                        <div class="modal-footer container gradient">
                            <div class="article_header">
                                <button class="primary" onclick="GDPRAccept()">ACCEPT AND CONTINUE TO SITE</button> <button class="secondary" onclick="confirmDeny()">Deny permission</button>
                            </div>
                        </div>
                    </div>
                    <div class="scroll_more hidden">
                        <button class="primary" onclick="scrollAccept()">Scroll to Accept</button>
                    </div>
                </div>
            </div>
            <div class="modal fade modal_login_panel" tabindex="-1" role="dialog" aria-hidden="true">
                <div class="modal-dialog" role="document">
                    <div class="modal-content" id="modal_login_panel">
                        <div class="modal-header"></div>
                        <div class="modal-body">
                            <div class="menu_panel fullscreen_outer account">
                                <div class="menu_panel fullscreen_inner">
                                    <div class="row">
                                        <div class="login_list">
                                            <div class="login_container">
                                                <div class="register">
                                                    <h2>
                                                        Sign in
                                                    </h2>
                                                    <p>
                                                        Log in with your Medical News Today account to create or edit your custom homepage, catch-up on your opinions notifications and set your newsletter preferences.
                                                    </p><a href="/account/"><button class="log_in float_left secure" name="login" type="submit">Sign in</button></a>
                                                </div>
                                                <div class="login_form">
                                                    <h3>
                                                        Register for a free account
                                                    </h3>
                                                    <p>
                                                        Sign up for a free Medical News Today account to customize your medical and health news experiences.
                                                    </p><button class="sign_up menu_signup_button new_reg_signup">Register</button>
                                                    <div class="login_tour">
                                                        <a class="" href="/tour">take the tour</a>
                                                    </div>
                                                </div>
                                            </div>
                                        </div>
                                    </div>
                                </div>
                            </div>
                        </div>
                    </div>
                </div>
            </div>
            <hr class="css_h1ksn" />
            <div class="container">
                <div class="row site_header">
                    <article>
                        <div class="col-xs-12 col-sm-12 col-md-12 col-lg-12 article_header">
                            <!-- Leaderboard BANNER advert -->
                            <div id="dlb1_container" class="mnt css_c4zij">
                                <!-- header_ad code -->
                                <div class="mnt_history" style="display:none;">
                                    <a href="/whitelist-mnt"><img src="https://cdn1.medicalnewstoday.com/structure/images/mnt_ads/mnt_history_leaderboard.png" alt="Thank you for supporting Medical News Today" /></a>
                                </div>
                                <div id="dlb1_unit" adonis-marker="">
                                    <script type="text/javascript">
                                    //<![CDATA[
                                    googleAdSlotInfo.push({
                                    "slotName":'DLB1',
                                    "slotContainer":'dlb1_container'                });
                                    //]]>
                                    </script>
                                </div>
                            </div><!-- /header_ad code -->
                            <h1 itemprop="headline">
                                How does the brain turn unconscious information into conscious thought?
                            </h1>
                        </div>
                        <div class="col-xs-12 col-sm-12 col-md-8 col-lg-8 main_content">
                            <div id="article_date">
                                <span class="date_published screen_only">Published <time itemprop="datePublished" datetime="2017-07-27">Thursday 27 July 2017</time></span> <span class="date_published mobile_only">Published Thu 27 Jul 2017</span>
                            </div>
                            <div class="author_top">
                                <span class="author_byline">By <a href="/authors/ana-sandoiu" class="article_author" rel="author" title="View all articles written by Ana Sandoiu" onclick="fireOrSaveJsFunctions(0,function() {ga('send', 'event', 'Author Byline Top', 'Visit Ana Sandoiu', 'Visit Ana Sandoiu');});">Ana Sandoiu</a></span>
                            </div>
                            <div class="article_body">
                                <div itemprop="articleBody">
                                    <header>
                                        Neuroscience tells us that most of the work done by our brains happens on an unconscious level, but when does that "a-ha!" moment occur? And what happens during it? New research investigates.
                                    </header>
                                    <div class="photobox_right" style="max-width: 550px;">
                                        <img src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==" data-src="https://cdn1.medicalnewstoday.com/content/images/articles/318/318674/hand-holding-brain-lightbulb.jpg" alt="hand holding brain lightbulb" /><br />
                                        <em>A new study investigates when the 'a-ha!' moment takes place in the brain, and how similar it is to other brain processes.</em>
                                    </div>
                                    <p>
                                        Many of us have noticed that we seem to get our best ideas when we're in the shower, or that we can find the answer to a difficult question when we least think about it.
                                    </p>
                                    <p>
                                        A large body of neuroscientific <a href="http://journals.sagepub.com/doi/abs/10.1177/0956797612446024" target="_blank" rel="noopener">studies</a> has pointed out that the brain does a lot of work in its spare time, the so-called idle state - wherein the brain does not appear to be thinking about anything at all - and that this is the time when it works at its hardest to find solutions to complex problems.
                                    </p>
                                    <p>
                                        With time and advances in <a href="/articles/248680.php" title="What is neuroscience?" class="keywords">neuroscience</a>, it has become more and more clear to researchers that Freud <em>was</em> right and the mind, as well as the brain, do work unconsciously. In fact, it would be safe to say that what is consciously known to us is just the tip of a much larger iceberg, deeply submerged in unconscious waters.
                                    </p>
                                    <p>
                                        But the exact moment at which information becomes known to us - or when the "tip of the iceberg" pierces through the water, and the unconscious becomes conscious - has been somewhat of a mystery, from a neuroscientific point of view.
                                    </p>
                                    <p>
                                        In other words, we do not yet know when that intellectually satisfying "a-ha!" moment takes place, or what the biology is behind it. This is why a team of researchers at Columbia University in New York City, NY, set out to investigate this moment in more detail.
                                    </p>
                                    <div id="onequarter-of-article"></div>
                                    <p>
                                        The scientists were led by Michael Shadlen, Ph.D., of Columbia University's Mortimer B. Zuckerman Mind Brain Behavior Institute, and the <a href="http://www.cell.com/current-biology/fulltext/S0960-9822(17)30784-4" target="_blank" rel="noopener">findings</a> were published in the journal <em>Current Biology.</em>
                                    </p><!--[DLB]--><!-- Leaderboard BANNER advert -->
                                    <div id="dlb2_container" class="mnt css_c4zij">
                                        <!-- header_ad code -->
                                        <div class="mnt_history" style="display:none;">
                                            <a href="/whitelist-mnt"><img src="https://cdn1.medicalnewstoday.com/structure/images/mnt_ads/mnt_history_leaderboard.png" alt="Thank you for supporting Medical News Today" /></a>
                                        </div>
                                        <div id="dlb2_unit" adonis-marker="">
                                            <script type="text/javascript">
                                            //<![CDATA[
                                            googleAdSlotInfo.push({
                                            "slotName":'DLB2',
                                            "slotContainer":'dlb2_container'                });
                                            //]]>
                                            </script>
                                        </div>
                                    </div><!-- /header_ad code --><!--[END DLB]--><!--[MMR]--><!--[END MMR]-->
                                    <h2>
                                        The hypothesis
                                    </h2>
                                    <p>
                                        Dr. Shadlen and colleagues started out from an interesting hypothesis, one which they derived from previous research on the neurobiological processes involved in decision-making.
                                    </p>
                                    <p>
                                        As the authors explain, research conducted in both monkeys and humans shows that many of our decisions take place at a point when the brain "feels" as though it has gathered enough information, or when a critical level of information has been accumulated.
                                    </p>
                                    <div class="related_inline">
                                        <a href="/articles/315184.php?iacp" title="Scientists find new mechanism for memory formation" target="_blank">
                                        <div>
                                            <img src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==" data-src="/content/images/headlines/315/315184/memory-cogs.jpg" alt="Scientists find new mechanism for memory formation" class="original" />
                                            <div class="headline">
                                                Scientists find new mechanism for memory formation
                                            </div>
                                            <div class="excerpt">
                                                How do we form memories? New research uncovers key brain area.
                                            </div>
                                            <div class="more">
                                                Read now
                                            </div>
                                        </div></a>
                                    </div>
                                    <p>
                                        This process of making a decision once the brain has accumulated enough evidence bears the name of "bounded evidence accumulation." Reaching this threshold is important because, although the brain does not use <em>all</em> of the information available, it uses as much as is necessary to make a speedy yet accurate decision.
                                    </p>
                                    <p>
                                        <strong>The researchers wondered whether or not this threshold is also responsible for our "eureka!" moments.</strong>
                                    </p>
                                    <div id="middle-of-article"></div>
                                    <p>
                                        In Dr. Shadlen's words, "Could the moment when the brain believes it has accumulated enough evidence be tied to the person's awareness of having decided - that important 'a-ha!' moment?"
                                    </p><!--[DLB]--><!-- Leaderboard BANNER advert -->
                                    <div id="dlb3_container" class="mnt css_c4zij">
                                        <!-- header_ad code -->
                                        <div class="mnt_history" style="display:none;">
                                            <a href="/whitelist-mnt"><img src="https://cdn1.medicalnewstoday.com/structure/images/mnt_ads/mnt_history_leaderboard.png" alt="Thank you for supporting Medical News Today" /></a>
                                        </div>
                                        <div id="dlb3_unit" adonis-marker="">
                                            <script type="text/javascript">
                                            //<![CDATA[
                                            googleAdSlotInfo.push({
                                            "slotName":'DLB3',
                                            "slotContainer":'dlb3_container'                });
                                            //]]>
                                            </script>
                                        </div>
                                    </div><!-- /header_ad code --><!--[END DLB]--><!--[MMR]--><!--[END MMR]-->
                                    <h2>
                                        Examining the 'a-ha!' moment
                                    </h2>
                                    <p>
                                        To answer this question, the scientists asked five people to perform a "direction discrimination" task. In it, the participants looked at dots on a computer screen. The dots moved randomly, as grains of sand would when blown by the wind. The participants were asked to say in which direction the dots had moved.
                                    </p>
                                    <p>
                                        The moment they "decided" which direction the dots seemed to be taking was considered to be the equivalent of the "a-ha!" moment.
                                    </p>
                                    <p>
                                        In the center of the screen, there was a fixed point and a clock. The display also had two "choice targets" - namely, left or right - and these were the directions in which the participants had to decide that the dots had moved.
                                    </p>
                                    <p>
                                        Shortly after the dots had stopped moving, the participants used an electronic, hand-held stylus to move the cursor in the direction that they thought the dots had moved.
                                    </p>
                                    <p>
                                        To determine when the decision was made, the researchers used the technique called "mental chronometry" - that is, after they made their decision, the participants were asked to move the clock backward to the point when they felt that they had consciously done so.
                                    </p>
                                    <div id="threequarter-of-article"></div>
                                    <p>
                                        "The moment in time indicated by the participants - this mental chronometry - was entirely subjective; it relied solely on their own estimation of how long it took them to make that decision," Dr. Shadlen says. "And because it was purely subjective, in principle it ought to be unverifiable."
                                    </p><!--[DLB]--><!-- Leaderboard BANNER advert -->
                                    <div id="dlb4_container" class="mnt css_c4zij">
                                        <!-- header_ad code -->
                                        <div class="mnt_history" style="display:none;">
                                            <a href="/whitelist-mnt"><img src="https://cdn1.medicalnewstoday.com/structure/images/mnt_ads/mnt_history_leaderboard.png" alt="Thank you for supporting Medical News Today" /></a>
                                        </div>
                                        <div id="dlb4_unit" adonis-marker="">
                                            <script type="text/javascript">
                                            //<![CDATA[
                                            googleAdSlotInfo.push({
                                            "slotName":'DLB4',
                                            "slotContainer":'dlb4_container'                });
                                            //]]>
                                            </script>
                                        </div>
                                    </div><!-- /header_ad code --><!--[END DLB]--><!--[MMR]--><!--[END MMR]-->
                                    <h2>
                                        'A-ha' moment similar to making a decision
                                    </h2>
                                    <p>
                                        However, by applying a mathematical model, the scientists were able to match these subjective decision times to the bounded evidence accumulation process.
                                    </p>
                                    <p>
                                        <strong>The subjective decision times fit so well with what the scientists determined as the evidence accumulation threshold that they were able to predict the choices of four of the five participants.</strong>
                                    </p>
                                    <p>
                                        "If the time reported to us by the participants was valid, we reasoned that it might be possible to predict the accuracy of the decision," explains Dr. Shadlen.
                                    </p>
                                    <p>
                                        "We incorporated a kind of mathematical trick, based on earlier studies, which showed that the speed and accuracy of decisions were tied together by the same brain function." This "mathematical trick" was the evidence accumulation model.
                                    </p>
                                    <blockquote>
                                        <p>
                                            <span class="pullquote">"</span>Essentially, the act of becoming consciously aware of a decision conforms to the same process that the brain goes through to complete a decision, even a simple one - such as whether to turn left or right."
                                        </p>
                                        <p class="right">
                                            Michael Shadlen, Ph.D.
                                        </p>
                                    </blockquote>
                                    <p>
                                        In other words, the study shows that the conscious awareness of the "a-ha!" moment takes place precisely when the brain has reached that threshold of evidence accumulation.
                                    </p>
                                    <p>
                                        The findings provide unique insights into the biology of consciousness, say the researchers, and they bring us closer to understanding the biological basis of decisions, ethics, and, generally, the human mind.
                                    </p>
                                    <div id="bottom-of-article"></div>
                                </div>
                            </div><!-- MNT_Desktop Leaderboard -->
                            <ins class="adsbygoogle mnt_dlb_foot_container" id="mnt_dlb_foot_container" data-ad-client="ca-pub-1971793357249522" data-ad-slot="8084911109" style="display:block; width: 728px; height: 90px;"></ins> 
                            <script>
                            <![CDATA[



                            fireOrSaveJsFunctions(1,function(){loadScript(
                            "//pagead2.googlesyndication.com/pagead/js/adsbygoogle.js",
                            {},
                            function(){}

                            )});


                            ]]>
                            </script> 
                            <script>
                            <![CDATA[
                            (adsbygoogle = window.adsbygoogle || []).push({});
                            ]]>
                            </script>
                            <p id="slidebox_trigger"></p>
                            <div id="suggest_reading_outer_container" class="place full">
                                <h2 class="suggested_reading internal_related">
                                    Related coverage
                                </h2><!--<h2 class="suggested_reading">Suggested Reading</h2>-->
                                <div itemscope="itemscope" itemtype="http://schema.org/WebPage">
                                    <!-- suggested_reading_container_parent -->
                                    <div class="suggested_reading_container">
                                        <div class="suggested_reading_inner column1">
                                            <div class="suggested_item">
                                                <a href="/articles/320950.php?sr" title="It's official: Pets benefit our mental health">
                                                <div class="suggested_item_image">
                                                    <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAQAAAAe/WZNAAAADklEQVR42mNkgAJGDAYAAFEABCaLYqoAAAAASUVORK5CYII=" data-src="https://cdn1.medicalnewstoday.com/content/images/hero/320/320950/320950_1100.jpg" alt="" />
                                                </div><span class="title">It's official: Pets benefit our mental health</span> <span class="summary">A systematic review of existing studies lists the many ways in which pets provide people with mental health issues some much-needed comfort.</span> <span class="more">Read now</span></a>
                                            </div>
                                        </div>
                                        <div class="suggested_reading_inner column2">
                                            <div class="suggested_item">
                                                <a href="/articles/319529.php?sr" title="Consciousness 'restored' using nerve stimulation">
                                                <div class="suggested_item_image">
                                                    <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAQAAAAe/WZNAAAADklEQVR42mNkgAJGDAYAAFEABCaLYqoAAAAASUVORK5CYII=" data-src="https://cdn1.medicalnewstoday.com/content/images/headlines/319/319529/man-lying-in-a-hospital-bed.jpg" alt="" />
                                                </div><span class="title">Consciousness 'restored' using nerve stimulation</span> <span class="summary">One month after a vagus nerve stimulator was implanted in his chest, a patient who had spent 15 years in a vegetative state showed signs of consciousness.</span> <span class="more">Read now</span></a>
                                            </div>
                                        </div>
                                        <div class="suggested_reading_inner column3">
                                            <div class="suggested_item">
                                                <a href="/articles/318965.php?sr" title="Cannabis for pain and PTSD 'lacks high-quality evidence'">
                                                <div class="suggested_item_image">
                                                    <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAQAAAAe/WZNAAAADklEQVR42mNkgAJGDAYAAFEABCaLYqoAAAAASUVORK5CYII=" data-src="https://cdn1.medicalnewstoday.com/content/images/headlines/318/318965/medical-marijuana.jpg" alt="" />
                                                </div><span class="title">Cannabis for pain and PTSD 'lacks high-quality evidence'</span> <span class="summary">Systematic reviews of the scientific evidence suggest that it is of insufficient quality to support the use of cannabis for the treatment of PTSD and pain.</span> <span class="more">Read now</span></a>
                                            </div>
                                        </div>
                                        <div class="suggested_reading_inner column4">
                                            <div class="suggested_item">
                                                <a href="/articles/320725.php?sr" title="Pancreatic cancer: Modified flu virus destroys tumors">
                                                <div class="suggested_item_image">
                                                    <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAQAAAAe/WZNAAAADklEQVR42mNkgAJGDAYAAFEABCaLYqoAAAAASUVORK5CYII=" data-src="https://cdn1.medicalnewstoday.com/content/images/hero/320/320725/320725_1100.jpg" alt="" />
                                                </div><span class="title">Pancreatic cancer: Modified flu virus destroys tumors</span> <span class="summary">Scientists destroyed pancreatic cancer cells using a modified flu virus. If confirmed in clinical trials, the findings could offer new treatments.</span> <span class="more">Read now</span></a>
                                            </div>
                                        </div>
                                        <div class="suggested_reading_inner column5">
                                            <div class="suggested_item">
                                                <a href="/articles/320316.php?sr" title="Why facial recognition is the future of diagnostics">
                                                <div class="suggested_item_image">
                                                    <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAQAAAAe/WZNAAAADklEQVR42mNkgAJGDAYAAFEABCaLYqoAAAAASUVORK5CYII=" data-src="https://cdn1.medicalnewstoday.com/content/images/hero/320/320316/320316_1100.jpg" alt="" />
                                                </div><span class="title">Why facial recognition is the future of diagnostics</span> <span class="summary">New research uses facial recognition analysis to accurately predict health. The findings also show that the human brain has similar abilities.</span> <span class="more">Read now</span></a>
                                            </div>
                                        </div>
                                    </div>
                                </div>
                            </div>
                            <div id="social_bottom">
                                <div id="share_social_bottom">
                                    <div id="article_social_bottom_facebook"></div>
                                    <div id="article_social_bottom_twitter"></div>
                                    <div id="article_social_bottom_linkedin"></div>
                                </div>
                                <div class="toolbox">
                                    <div class="email">
                                        <a rel="nofollow" title="email this article" href="#"><span class="toolbox_label">email</span></a> <span class="visuallyhidden"><a rel="nofollow" title="email this article" href="#">email</a></span>
                                    </div>
                                    <div class="print">
                                        <a id="241048dc7d4264d767c59873fc01b2af" href="#" rel="nofollow" title="View print preview" target="_blank"><span class="toolbox_label">print</span></a>
                                    </div>
                                    <div class="share">
                                        <a rel="nofollow" title="share this article" href="#"><span class="toolbox_label">share</span></a> <span class="visuallyhidden"><a rel="nofollow" title="share this article" href="#">share</a></span>
                                    </div>
                                </div>
                            </div><a id="rate-this-article"></a>
                            <div class="article_category_container">
                                <div class="article_main_category_container">
                                    <span itemprop="genre" class="category_main"><a href="/categories/neurology" title="Neurology / Neuroscience News" class="current">Neurology / Neuroscience</a></span>
                                </div>
                                <div class="article_sub_category_container">
                                    <span itemprop="genre" class="category_sub"><a href="/categories/biology-biochemistry" title="Biology / Biochemistry News" class="current">Biology / Biochemistry</a></span> <span itemprop="genre" class="category_sub"><a href="/categories/psychology-psychiatry" title="Psychology / Psychiatry News" class="current">Psychology / Psychiatry</a></span>
                                </div>
                            </div>
                            <link rel="stylesheet" href="https://cdn1.medicalnewstoday.com/structure/styles/styles_override_trendmd_7721.css" type="text/css" media="all" />
                            <h2 class="suggested_reading trendmd_suggestions_heading">
                                Recommended related news
                            </h2>
                            <div id="trendmd-suggestions"></div>
                            <script>
                            <![CDATA[

                            //init glob_JS, depulicate in gdpr_js_queue.js because the file will be execute before gdpr_js_queue.js loading
                            glob_JS=(typeof glob_JS === 'undefined')?{'GAInit':[],'GA':[],"ExternalJS":[],"AD":[]}:glob_JS;

                            fireOrSaveJsFunctions(1,function(){loadScript(
                                "https://cdn1.medicalnewstoday.com/structure/javascript/cache/trendmd.min.js",
                                {"data-trendmdconfig":'{"journal_id":"53928","element":"#trendmd-suggestions"}'},
                                function(){}

                            )});

                            ]]>
                            </script> 
                            <script type="text/javascript">
                            //<![CDATA[


                            fireOrSaveJsFunctions(1,function(){

                            //TrendMD suggest reading check

                            var interval = null;
                            //Check every 5 secs
                            interval = setInterval(function(){

                                var trendmdSuggestions = document.getElementById('trendmd-suggestions');

                                var trendmdChildLength = trendmdSuggestions.children.length;


                                if(trendmdChildLength > 0){
                                        trendmdSuggestions.style.display = 'block';
                                        //$("#trendmd-suggestions").prev().hide();

                                        document.getElementsByClassName("trendmd_suggestions_heading")[0].style.display = 'block';


                                        if(is_userMobile&&!glob_responsiveOverride){
                                                //We add new styles in

                                                var elements = document.querySelectorAll('.trendmd-widget_horizontal .trendmd-widget-section');

                                                for (var i = 0; i < elements.length; i++) {
                                                        elements[i].style.cssText = 'width:100% !important;margin: 0!important;padding: 0!important;';
                                                };

                                        }

                                        clearInterval(interval);

                                }

                            },5000);

                            //If it runs over 120 secs ,kill the process
                            setTimeout(function() {

                                var trendmdSuggestions = document.getElementById('trendmd-suggestions');

                                var trendmdChildLength = trendmdSuggestions.children.length;

                                //If trendMD is still not working , we kill the process
                                if(trendmdChildLength === 0){

                                        clearInterval(interval);
                                        trendmdSuggestions.classList.add("process_killed");

                                }

                            }, 1200000);

                            });



                            //]]>
                            </script> <!-- TID: 205893 -->
                            <div class="article_email">
                                <div id="header_close_button" class="email_close"></div>
                                <div class="emailform_container"></div>
                            </div>
                        </div>
                    </article>
                    <div class="col-xs-12 col-sm-12 col-md-4 col-lg-4 sidebar">
                        <!-- article_ad code -->
                        <!-- MREC ARTICLE advert -->
                        <div id="dmr1_container" class="mnt css_hs211">
                            <div class="mnt_history" style="display:none;">
                                <a href="/knowledge-center"><img src="https://cdn1.medicalnewstoday.com/structure/images/mnt_ads/mnt_knowledge_center_001.png" alt="MNT Knowledge Center" /></a>
                            </div>
                            <div id="dmr1_unit" adonis-marker="">
                                <script type="text/javascript">
                                //<![CDATA[
                                googleAdSlotInfo.push({
                                "slotName":'DMR1',
                                "slotContainer":'dmr1_container'                        });
                                //]]>
                                </script>
                            </div>
                        </div><!-- /article_ad code -->
                        <div id="sidebar_feature" class="full">
                            <h2>
                                Latest news
                            </h2>
                            <ul class="sidebar_feature">
                                <li>
                                    <a href="/articles/324410.php" title="Simple drug formula regenerates brain cells">
                                    <div>
                                        <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAQAAAAe/WZNAAAADklEQVR42mNkgAJGDAYAAFEABCaLYqoAAAAASUVORK5CYII=" data-src="https://cdn1.medicalnewstoday.com/content/images/hero/324/324410/324410_1100.jpg" alt="Simple drug formula regenerates brain cells" class="original" />
                                        <div class="headline">
                                            Simple drug formula regenerates brain cells
                                        </div>
                                        <div class="excerpt">
                                            Scientists have shown how a drug cocktail of four compounds can convert glia, or support cells, next to damaged neurons into new working neurons.
                                        </div>
                                    </div></a>
                                </li>
                                <li>
                                    <a href="/articles/324408.php" title="Breast cancer screening saved over 27,000 lives in 2018">
                                    <div>
                                        <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAQAAAAe/WZNAAAADklEQVR42mNkgAJGDAYAAFEABCaLYqoAAAAASUVORK5CYII=" data-src="https://cdn1.medicalnewstoday.com/content/images/hero/324/324408/324408_1100.jpg" alt="Breast cancer screening saved over 27,000 lives in 2018" class="original" />
                                        <div class="headline">
                                            Breast cancer screening saved over 27,000 lives in 2018
                                        </div>
                                        <div class="excerpt">
                                            A new study estimates that breast cancer mortality rates have fallen by approximately half in the United States in 2018, thanks to screening and therapy.
                                        </div>
                                    </div></a>
                                </li>
                                <li>
                                    <a href="/articles/324407.php" title="Alcohol use disorder: A step toward better treatment?">
                                    <div>
                                        <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAQAAAAe/WZNAAAADklEQVR42mNkgAJGDAYAAFEABCaLYqoAAAAASUVORK5CYII=" data-src="https://cdn1.medicalnewstoday.com/content/images/hero/324/324407/324407_1100.jpg" alt="Alcohol use disorder: A step toward better treatment?" class="original" />
                                        <div class="headline">
                                            Alcohol use disorder: A step toward better treatment?
                                        </div>
                                        <div class="excerpt">
                                            Current treatments for alcohol use disorder are unsatisfactory, but recent research points toward a new intervention that may also benefit mood disorders.
                                        </div>
                                    </div></a>
                                </li>
                                <li>
                                    <a href="/articles/324402.php" title="What role does the gut play in Parkinson's disease?">
                                    <div>
                                        <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAQAAAAe/WZNAAAADklEQVR42mNkgAJGDAYAAFEABCaLYqoAAAAASUVORK5CYII=" data-src="https://cdn1.medicalnewstoday.com/content/images/hero/324/324402/324402_1100.jpg" alt="What role does the gut play in Parkinson's disease?" class="original" />
                                        <div class="headline">
                                            What role does the gut play in Parkinson's disease?
                                        </div>
                                        <div class="excerpt">
                                            A review of existing research has examined the evidence for a connection between the gastrointestinal system and the progression of Parkinson's disease.
                                        </div>
                                    </div></a>
                                </li>
                                <li>
                                    <a href="/articles/324376.php" title="Weight loss: How important is eating breakfast?">
                                    <div>
                                        <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAQAAAAe/WZNAAAADklEQVR42mNkgAJGDAYAAFEABCaLYqoAAAAASUVORK5CYII=" data-src="https://cdn1.medicalnewstoday.com/content/images/hero/324/324376/324376_1100.jpg" alt="Weight loss: How important is eating breakfast?" class="original" />
                                        <div class="headline">
                                            Weight loss: How important is eating breakfast?
                                        </div>
                                        <div class="excerpt">
                                            A new study has examined the importance of eating breakfast in the process of losing weight. It may not be as pivotal as once thought, say the authors.
                                        </div>
                                    </div></a>
                                </li>
                            </ul>
                        </div><!-- article_ad code -->
                        <!-- MREC ARTICLE advert -->
                        <div id="dmr2_container" class="mnt css_hs211">
                            <div class="mnt_history" style="display:none;">
                                <a href="/knowledge-center"><img src="https://cdn1.medicalnewstoday.com/structure/images/mnt_ads/mnt_knowledge_center_001.png" alt="MNT Knowledge Center" /></a>
                            </div>
                            <div id="dmr2_unit" adonis-marker="">
                                <script type="text/javascript">
                                //<![CDATA[
                                googleAdSlotInfo.push({
                                "slotName":'DMR2',
                                "slotContainer":'dmr2_container'                        });
                                //]]>
                                </script>
                            </div>
                        </div><!-- /article_ad code -->
                        <div class="full popular_tabs_container">
                            <div class="full popular_tabs_parent">
                                <h2 class="popular_tabs_heading">
                                    <span>Popular in:</span> Neurology / Neuroscience
                                </h2>
                                <div id="popular_tabs">
                                    <div class="centered">
                                        <ul class="nav"></ul>
                                        <div class="list-wrap">
                                            <ul id="popular-read">
                                                <li class="knowledge">
                                                    <a href="/articles/321560.php" title="Why are my legs and feet numb?"><span class="headline">Why are my legs and feet numb?</span></a>
                                                </li>
                                                <li class="knowledge">
                                                    <a href="/articles/321885.php" title="What can cause a burning sensation?"><span class="headline">What can cause a burning sensation?</span></a>
                                                </li>
                                                <li class="knowledge">
                                                    <a href="/articles/321423.php" title="What could cause tingling in the feet or hands?"><span class="headline">What could cause tingling in the feet or hands?</span></a>
                                                </li>
                                                <li class="knowledge">
                                                    <a href="/articles/322515.php" title="How to stop shivering"><span class="headline">How to stop shivering</span></a>
                                                </li>
                                                <li class="knowledge">
                                                    <a href="/articles/322967.php" title="Why do my arms go numb at night?"><span class="headline">Why do my arms go numb at night?</span></a>
                                                </li>
                                            </ul>
                                        </div><!-- /list_wrap -->
                                    </div><!-- /the_tabs -->
                                </div><!-- /centered -->
                            </div>
                        </div>
                    </div><!-- /sidebar -->
                </div>
            </div><img height="1" width="1" src="https://d.turn.com/r/dd/id/L21rdC84MTYvY2lkLzE3NDc2NjAwNjEvdC8y/kv/CampaignID=MedicalNewsToday,Content=otherneurologicaldisorders" />
            <div id="message">
                <a href="#top" style="display: none;">Scroll to top</a>
            </div>
            <footer>
                <div class="container">
                    <div class="row">
                        <div class="col-xs-12 col-sm-12 col-md-12 col-lg-12 footer">
                            <div id="footer_logo">
                                <a href="/" title="Medical News Today : Home"><img src="https://cdn1.medicalnewstoday.com/structure/images/logo/logo-mini-2017.png" alt="MNT home" /></a>
                            </div>
                            <div id="footer_social">
                                <span class="footer_facebook fa-stack fa-lg"><a href="https://www.facebook.com/MedicalNewsToday" target="_blank"></a></span> <span class="footer_twitter fa-stack fa-lg"><a href="https://twitter.com/mnt" target="_blank"></a></span> <span class="footer_linkedin fa-stack fa-lg"><a href="https://www.linkedin.com/company/medical-news-today" target="_blank"></a></span> <span class="footer_google fa-stack fa-lg"><a href="https://plus.google.com/+medicalnews/posts" target="_blank"></a></span> <span class="footer_pinterest fa-stack fa-lg"><a href="https://www.pinterest.com/search/pins/?q=www.medicalnewstoday.com" target="_blank"></a></span>
                            </div>
                            <div id="footer_list">
                                <ul>
                                    <li>
                                        <a href="/popular" title="View our most popular news articles">Popular news</a>
                                    </li>
                                    <li>
                                        <a href="/archive" title="View all our editorial articles">Editorial articles</a>
                                    </li>
                                    <li>
                                        <a href="/categories" accesskey="m" title="View our complete news category list">All news topics</a>
                                    </li>
                                    <li>
                                        <a href="/knowledge-center" title="Medical conditions and information center">Knowledge center</a>
                                    </li>
                                    <li>
                                        <a href="/tour" title="Personalize Medical News Today">Your MNT</a>
                                    </li>
                                    <li>
                                        <a href="/account" title="Log in or sign up">Log in or sign up</a>
                                    </li>
                                    <li>
                                        <a href="/newsletter" title="Medical News Today in your inbox">Newsletters</a>
                                    </li>
                                    <li>
                                        <a href="/share-our-content" title="Share our content">Share our content</a>
                                    </li>
                                    <li>
                                        <a href="/about" title="About Medical News Today">About us</a>
                                    </li>
                                    <li>
                                        <a href="/authors" title="Our editorial team">Our editorial team</a>
                                    </li>
                                    <li>
                                        <a href="/contact" title="Contact the Medical News Today team">Contact us</a>
                                    </li>
                                    <li>
                                        <a href="/advertising" title="Advertise with Medical News Today">Advertise with MNT</a>
                                    </li>
                                </ul>
                            </div>
                            <div id="footer_newsletter">
                                <h3>
                                    get our newsletter
                                </h3><span>Health tips, wellness advice and more.</span>
                                <div class="form-group">
                                    <form method="post" action="https://www.medicalnewstoday.com/account" name="footerNewsletterSignup" id="footerNewsletterSignup" class="newsletterForm">
                                        <div>
                                            <input type="text" name="formEmail" id="EmailAddress" class="newsletterFormEmail" placeholder="Enter your email address" size="25" maxlength="150" /> <button type="submit" class="btn btn-success btn-lg btn-block btn-footer footer_newsletter_link email-signup-btn new_reg_signup">Subscribe</button>
                                            <p>
                                                Your <a href="/privacy-policy" title="Privacy policy">privacy</a> is important to us. Any information you provide to us via this website may be placed by us on servers located in countries outside of the EU. If you do not agree to such placement, do not provide the information.
                                            </p>
                                        </div><input type="hidden" id="entrypoint" name="entrypoint" value="footer_newsletter_link" />
                                    </form>
                                </div>
                            </div>
                            <div id="copyright">
                                <div class="honcode_img">
                                    <a href="https://www.healthonnet.org/HONcode/Conduct.html?HONConduct391155" class="seal" onclick="window.open(this.href); return false;"><img src="https://www.honcode.ch/HONcode/Seal/HONConduct391155_s1.gif" alt="This website is certified by Health On the Net Foundation. Click to verify." /></a>
                                </div>
                                <div class="copyright_text float_left">
                                    <p>
                                        Healthline Media UK Ltd, Brighton, UK.
                                    </p>
                                    <p>
                                        © 2004-2019 All rights reserved. MNT is the registered trade mark of Healthline Media. Any medical information published on this website is not intended as a substitute for informed medical advice and you should not take any action before consulting with a healthcare professional.
                                    </p>
                                </div>
                                <div class="copyright_text float_right">
                                    <p>
                                        <a href="/privacy-policy" title="View our privacy policy" onclick="fireOrSaveJsFunctions(0,function() {ga('send', 'event', { eventCategory: 'New Header - Desktop - Footer', eventAction: 'Footer - Privacy policy', eventLabel: 'Footer - Privacy policy' });});">Privacy</a> | <a href="/terms" title="View our terms of use" onclick="fireOrSaveJsFunctions(0,function() {ga('send', 'event', { eventCategory: 'New Header - Desktop - Footer', eventAction: 'Footer - Terms', eventLabel: 'Footer - Terms' });});">Terms</a> | <a href="/ad-policy" title="View our advertising policy">Ad policy</a> | <a href="https://www.healthline.com/health/careers" title="Careers" target="_blank">Careers</a>
                                    </p>
                                </div>
                            </div>
                            <div class="footer_truste_container">
                                <div class="footer_truste">
                                    <a href="//privacy.truste.com/privacy-seal/validation?rid=b59e7a69-59cd-449f-9af4-2bdba7d346e5" target="_blank"><img style="border: none" src="//privacy-policy.truste.com/privacy-seal/seal?rid=b59e7a69-59cd-449f-9af4-2bdba7d346e5" alt="TRUSTe" /></a>
                                </div>
                            </div>
                        </div>
                    </div>
                </div>
                <footer>
                    <div id="print_message">
                        <p>
                            This page was printed from: <strong><a href="https://www.medicalnewstoday.com/articles/318674.php">https://www.medicalnewstoday.com/articles/318674.php</a></strong>
                        </p>
                        <p>
                            Visit <strong><a href="https://www.medicalnewstoday.com">www.medicalnewstoday.com</a></strong> for medical news and health news headlines posted throughout the day, every day.
                        </p>
                        <hr />
                        <p>
                            2019 Healthline Media UK Ltd. All rights reserved. MNT is the registered trade mark of Healthline Media. Any medical information published on this website is not intended as a substitute for informed medical advice and you should not take any action before consulting with a healthcare professional.
                        </p>
                    </div>
                    <script type="text/javascript">
                    //<![CDATA[
                    eval(function(p,a,c,k,e,d){e=function(c){return(c<a?'':e(parseInt(c/a)))+((c=c%a)>35?String.fromCharCode(c+29):c.toString(36))};if(!''.replace(/^/,String)){while(c--){d[e(c)]=k[c]||e(c)}k=[function(e){return d[e]}];e=function(){return'\\w+'};c=1};while(c--){if(k[c]){p=p.replace(new RegExp('\\b'+e(c)+'\\b','g'),k[c])}}return p}('a g=d.15(\'.r-14 9\');5(g&&g.b("8-3")){g.3=g.b("8-3");g.13(\'8-3\')}a 4=[].s.o(d.p(\'[8-3]\'));a w=6(h,f){5(h.f==""){h.f=f}u{a O=h.f.11(" ");5(O.12(f)==-1){h.f+=" "+f}}};1c(a i=0;i<4.M;i++){5(4[i].G.G.j[0]==\'1b\'){w(4[i],"r-c")}u{w(4[i],"c")}}d.q("1a",6(){4=[].s.o(d.p(\'9.r-c\'));4.l(6(2){2.3=2.b("8-3");2.j.n("r-c")});4=[].s.o(d.p(\'9.c\'));a I=10 7!=="1d";a R=I&&!("S"k 7)||/(Z|X|W)Y|V|U/i.T(19.1r);5(R){4.l(6(2){2.3=2.b("8-3");2.j.n("c")})}u{5("H"k 7){5(\'v\'k 7&&\'E\'k 7.v.A&&!(\'x\'k v.A)){1x.1e(7.v.A,\'x\',{1v:6(){1t 1u.E>0}})}a B=1z H(6(L,1E){L.l(6(z){5(z.x){a 2=z.1C;2.j.n("c");2.3=2.b("8-3");D(2);B.1A(2)}})},{1B:"y y 1y y"});4.l(6(2){B.1i(2)})}u{a m;6 e(){4=[].s.o(d.p(\'.c\'));5(m){1g(m)}m=1l(6(){a 1p=7.1o;4.l(6(9){5((9.P().1n-1w<=7.1h&&9.P().1m>=0)&&1q(9).1k!=="1f"){9.3=9.b("8-3");9.j.n(\'c\');D(9)}});5(4.M==0){d.C("K",e);7.C("J",e);7.C("Q",e)}},1s)}e();d.q("K",e);7.q("J",e);7.q("Q",e)}6 D(2){2.1D=6(){5(2.b(\'8-F-2-t\')){18(2.b(\'8-F-2-t\'),"",17)}5(2.b(\'8-N-2-t\')){16(2.b(\'8-N-2-t\'),"",1j)}}}}});',62,103,'||image|src|lazyloadImages|if|function|window|data|img|var|getAttribute|lazy|document|lazyload|className|owlCarouselFirstImage|element||classList|in|forEach|lazyloadThrottleTimeout|remove|call|querySelectorAll|addEventListener|owl|slice|index|else|IntersectionObserverEntry|addLazyClass|isIntersecting|0px|entry|prototype|imageObserver|removeEventListener|includeImagePlugin|intersectionRatio|click|parentNode|IntersectionObserver|runningOnBrowser|resize|scroll|entries|length|sharing|arr|getBoundingClientRect|orientationChange|isBot|onscroll|test|spider|crawl|ro|ing|bot|gle|typeof|split|indexOf|removeAttribute|carousel|querySelector|loadImageSharingImageByIndex|true|loadClickableImageByIndex|navigator|DOMContentLoaded|item|for|undefined|defineProperty|none|clearTimeout|innerHeight|observe|null|display|setTimeout|bottom|top|pageYOffset|scrollTop|getComputedStyle|userAgent|20|return|this|get|300|Object|300px|new|unobserve|rootMargin|target|onload|observer'.split('|'),0,{}))

                    //]]>
                    </script> 
                    <script type="text/javascript">
                    //<![CDATA[

                    window.ga=window.ga||function(){};
                    if (typeof window.googletag === 'undefined') {
                    //Fallback safe for googletag
                    var googletag = googletag || { };
                    googletag.cmd = googletag.cmd || [ ];
                    }
                    //]]>
                    </script> 
                    <script type="text/javascript">
                    //<![CDATA[

                    fireOrSaveJsFunctions(0,function() {ga('send', 'event', { eventCategory: 'New Header - Desktop - UI/UX Testing', eventAction: 'Show new header - Desktop', eventLabel: 'Show new header - Desktop', nonInteraction: true});});
                    //]]>
                    </script> 
                    <script type="text/javascript">/* LinkLens corpus: inline script of 10316 bytes removed */</script> 
                    <script type="text/javascript" src="https://cdn2.medicalnewstoday.com/structure/javascript/out/mnt_default.js?v=20190211" defer="defer"></script> 
                    <script src="https://healthline-com.videoplayerhub.com/galleryloader.js" defer="defer"></script> 
                    <script type="text/javascript">
                    //<![CDATA[


                    fireOrSaveJsFunctions(1,function(){

                    var tempAacctTid =setInterval(function() {

                        if(typeof _qevents !== "undefined"){
                                //wait until _qevents had been set
                                _qevents.push( { qacct:"p-v03RmX3GES6RT"} );
                                clearInterval(tempAacctTid);
                        }

                    }, 500);

                    });

                    //]]>
                    </script> <noscript>
                    <div style="display: none;">
                        <img src="https://pixel.quantserve.com/pixel/p-test123.gif" height="1" width="1" alt="Quantcast" />
                    </div></noscript> 
                    <script src="https://cdn1.medicalnewstoday.com/structure/javascript/cache/oct.js" type="text/javascript"></script> 
                    <script type="text/javascript">
                    //<![CDATA[


                    fireOrSaveJsFunctions(1,function(){
                    twttr.conversion.trackPid('l4bfr');
                    });

                    //]]>
                    </script> <noscript><img height="1" width="1" style="display:none;" alt="" src="https://analytics.twitter.com/i/adsct?txn_id=l4bfr&amp;p_id=Twitter" /></noscript>
                    <div id="fb-root"></div>
                    <script>
                    <![CDATA[


                    fireOrSaveJsFunctions(1,function(){

                    (function(d, s, id) {
                    var js, fjs = d.getElementsByTagName(s)[0];
                    if (d.getElementById(id)) return;
                    js = d.createElement(s); js.id = id;
                    js.src = "//connect.facebook.net/en_US/sdk.js#xfbml=1&version=v2.3&appId=147184211975697";
                    fjs.parentNode.insertBefore(js, fjs);
                    }(document, 'script', 'facebook-jssdk'));

                    });


                    ]]>
                    </script> 
                    <script type="text/javascript">
                    //<![CDATA[

                        var ehs_site="ehsne.pro.mnt.medicalnewstoday";
                        var ord = window.ord || Math.floor(Math.random() * 1e16);
                        var ehs_protocol=(document.location.protocol=="https:") ? "https://" : "http://";
                        document.write('<scr'+'ipt type="text/javascript" src="'+ehs_protocol+'ad.doubleclick.net/N6913/adj/'+ehs_site+';sz=1x1;iprof=md;ims1=n23;ord=' + ord + '?"><\/scr'+'ipt>');
                    //]]>
                    </script>
                    <div id="amzn-assoc-ad-c3555b57-ee3e-4ba5-b6f4-ec40911af7e4"></div>
                    <script>
                    <![CDATA[

                    fireOrSaveJsFunctions(1,function(){loadScript(
                    "//z-na.amazon-adsystem.com/widgets/onejs?MarketPlace=US&adInstanceId=c3555b57-ee3e-4ba5-b6f4-ec40911af7e4",
                    {},
                    function(){}

                    )});

                    ]]>
                    </script> 
                    <script type="text/javascript">
                    //<![CDATA[

                                var articleID="318674";
                                var articleType = "written";
                                var emailID = "318674";
                                var articleURL = "/articles/318674.php";
                                var threadID = "205893";
                                var opinionsOutput = 1;
                                var showAdsOnArticle = 1;
                                var isSponsored = 0;
                    //]]>
                    </script> 
                    <script type="text/javascript">
                    //<![CDATA[


                    for(var contentBlocksDoms=document.querySelectorAll(".infobox_large.article-tcblocks > li"),i=0;i<contentBlocksDoms.length;i++){var _this=contentBlocksDoms[i],mobileHeadline=_this.querySelector("a  > div.headline.mobile"),excerpt=_this.querySelector("a > div > .excerpt"),desktopHeadlineHtmlStr=mobileHeadline.outerHTML;desktopHeadlineHtmlStr=desktopHeadlineHtmlStr.replace(/(class=\".*?)\s*mobile\s*(.*?\")/g,"$1$2"),null===_this.querySelector("a > div > .headline")&&excerpt.insertAdjacentHTML("beforebegin",desktopHeadlineHtmlStr),_this.getElementsByTagName("a")[0].removeChild(mobileHeadline)}

                    //Remove  class hide in tabbed content to show on desktop/ tablet
                    if(document.getElementsByClassName("collapsed__tabs")[0]){
                        document.getElementsByClassName("collapsed__tabs")[0].classList.remove('hide'); 
                    }

                    //]]>
                    </script> 
                    <script type="text/javascript">
                    //<![CDATA[


                    var articleTOC = document.getElementsByClassName("article_toc")[0];

                    if(document.body.contains(articleTOC)){
                        // if the page contains article TOC, we do the trick
                        var articleTOCpreviousElement = articleTOC.previousElementSibling;

                        if(articleTOCpreviousElement){
                                if((articleTOCpreviousElement.className.indexOf("photobox_header") !==-1&&articleTOCpreviousElement.querySelector("em") != null)||(articleTOCpreviousElement.className.indexOf("photobox_left") !==-1&&articleTOCpreviousElement.querySelector("em") != null)||(articleTOCpreviousElement.className.indexOf("photobox_right") !==-1&&articleTOCpreviousElement.querySelector("em") != null)){
                                        articleTOC.classList.add("article_collapsed--top");
                                }
                        }

                    }

                    //]]>
                    </script> <input type="hidden" id="newsid" name="newsid" value="318674" /> <input type="hidden" id="categoryid" name="categoryid" value="31" /> <input type="hidden" id="glob" name="glob" value="1" /> <input type="hidden" id="ratingHCP" name="ratingHCP" value="4.91" /> <input type="hidden" id="ratingPublic" name="ratingPublic" value="4.88" /> <input type="hidden" id="alreadyRated" name="alreadyRated" value="0" /> <input type="hidden" id="kcarticle" name="kcarticle" value="0" /> <input type="hidden" id="bottomRatingsBoxReadOnly" name="bottomRatingsBoxReadOnly" value="false" /> 
                    <script type="text/javascript" src="https://cdn2.medicalnewstoday.com/structure/javascript/out/mnt_article_7721.js" defer="defer"></script> 
                    <script type="text/javascript">
                    //<![CDATA[

                    var mntDataLayer = "";
                    //Fire in adblock.js cause that's the last event in the page 
                    function setMNTDataLayer(e) {
                    mntDataLayer = {"article_meta":{"publisher":"Medical News Today","headline":"How does the brain turn unconscious information into conscious thought?","description":"New research investigates the neurobiological timing of the so-called a-ha! moment that occurs we have come up with the solution to a complex problem.","url":"\/articles\/318674.php","CanonicalURL":"https:\/\/www.medicalnewstoday.com\/articles\/318674.php","datePublished":"2017-07-27","dateUpdated":"","dateReviewed":"","author":"Ana Sandoiu","coAuthor":"","reviewer":"","ratingHCP":4.91,"ratingPublic":4.88,"commentCount":2,"shareCountFacebook":0,"shareCountGooglePlus":0,"shareCountLinkedIn":0,"shareCountPinterest":0,"ampURL":"","ampVersion":"N"},"reader":{"loggedIn":"no"},"targeting":{"categoryMain":"neurology","categorySub":["biology-biochemistry","psychology-psychiatry"],"articleKeywords":["bounded accumulation model","bounded accumulation evidence","unconscious","consciousness","aha moment"],"articleID":"318674","articleType":"written","micrositeID":"","articleVersion":"v2","articleAge":"older"},"customDimensions":{"siteVersion":"desktop","webServer":"3","iosAppTraffic":-1,"viewportWidth":0,"viewportHeight":0,"hidpi":0,"adblockStatus":0}}
                    mntDataLayer["article_meta"]["shareCountFacebook"]       = facebookCount;
                    mntDataLayer["article_meta"]["shareCountGooglePlus"] = googlePlusCount;
                    mntDataLayer["article_meta"]["shareCountLinkedIn"]       = linkedinCount;
                    mntDataLayer["article_meta"]["shareCountPinterest"]      = pinterestCount;
                    mntDataLayer["article_meta"]["url"]                                      = window.location.href;
                    mntDataLayer["customDimensions"]["adblockStatus"]        = adBlockValue;
                    mntDataLayer["customDimensions"]["viewportWidth"] = Math.max(document.documentElement.clientWidth, window.innerWidth || 0);
                    mntDataLayer["customDimensions"]["viewportHeight"] = Math.max(document.documentElement.clientHeight, window.innerHeight || 0);
                    mntDataLayer["customDimensions"]["hidpi"] = (window.devicePixelRatio >= 1.5) ? "HiDPI" : "1X";
                    }
                    //]]>
                    </script>
                </footer>
            </footer>
        </div>
    </body>
</html>
